package org.rnnlab.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files written completely or not at all: the content goes to a new temporary file beside the
 * target, which is then renamed over it. The temporary file gets a random name and is created
 * exclusively ({@code O_EXCL}), so a symbolic link planted under a predictable name can never
 * redirect the write, and a rename replaces a link at the target rather than following it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes the content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically.
   *
   * @param durable also force the content to the disk before the rename (checkpoints)
   */
  public static void write(Path target, boolean durable, Content content) throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      readableByAll(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        if (durable) {
          channel.force(true);
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Gives a temporary file the permissions a file created plainly gets (rw-rw-rw- less the umask):
   * temporary files start as rw-------, and the file renamed into place should not differ from its
   * neighbours that the run created directly (metrics.csv, run.log).
   */
  static void readableByAll(Path file) throws IOException {
    java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = plainPermissions();
    if (permissions != null) {
      Files.setPosixFilePermissions(file, permissions);
    }
  }

  private static volatile java.util.Set<java.nio.file.attribute.PosixFilePermission> plain;

  /** The permissions of a plainly created file in this process (its umask at work), or null off POSIX. */
  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> plainPermissions() throws IOException {
    if (plain == null) {
      Path probe = Path.of(System.getProperty("java.io.tmpdir"), ".rnnlab-umask-" + ProcessHandle.current().pid()
          + "-" + System.nanoTime());
      try {
        Files.createFile(probe);
        plain = Files.getPosixFilePermissions(probe);
      } catch (UnsupportedOperationException e) {
        return null;
      } finally {
        Files.deleteIfExists(probe);
      }
    }
    return plain;
  }

  /** Writes {@code text} in UTF-8 to {@code target} atomically. */
  public static void writeString(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    write(target, false, out -> out.write(bytes));
  }
}
