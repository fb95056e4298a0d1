package org.rnnlab.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on {@code <run>/lock}, held by the process that runs or resumes the run for as
 * long as it does. The kernel drops it when that process dies however it dies, so on the same
 * machine "is anyone still running this?" has an exact answer, a stopped (SIGSTOP) or suspended
 * process included. Two resumes of one run cannot both start.
 *
 * <p>POSIX locks belong to a process and closing any descriptor of the file drops them, so a run
 * this JVM holds is answered from memory and its file is never opened a second time here.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = "lock";

  /** What a look at a run's lock tells. */
  enum State {
    /** A live process holds it. */
    HELD,
    /** Nobody holds it: whoever ran the run is gone. */
    FREE,
    /** No lock file (a run of an older rnnlab) or it cannot be opened: ask something else. */
    UNKNOWN
  }

  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final FileChannel channel;

  private RunLock(Path directory, FileChannel channel) {
    this.directory = directory;
    this.channel = channel;
  }

  /**
   * Takes the lock of {@code runDirectory}, creating the file.
   *
   * @return the lock, or null when another process (or this one) holds it
   */
  static RunLock tryAcquire(Path runDirectory) throws IOException {
    Path directory = runDirectory.toAbsolutePath().normalize();
    if (!HELD_HERE.add(directory)) {
      return null;
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        HELD_HERE.remove(directory);
        return null;
      }
      return new RunLock(directory, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      HELD_HERE.remove(directory);
      throw e;
    }
  }

  /** Whether someone holds the lock of {@code runDirectory}; the lock is not kept. */
  static State state(Path runDirectory) {
    Path directory = runDirectory.toAbsolutePath().normalize();
    if (HELD_HERE.contains(directory)) {
      return State.HELD;
    }
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return State.UNKNOWN;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
      if (lock == null) {
        return State.HELD;
      }
      lock.release();
      return State.FREE;
    } catch (OverlappingFileLockException e) {
      return State.HELD;
    } catch (IOException | RuntimeException e) {
      return State.UNKNOWN;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      HELD_HERE.remove(directory);
    }
  }
}
