package org.rnnlab.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads archive files defensively: only regular files (a FIFO or a device would block or never
 * end), and never more than a bound, so a damaged or hostile archive cannot hang a command or fill
 * the heap.
 */
public final class BoundedFiles {
  private BoundedFiles() {}

  /**
   * The file's content as UTF-8 text.
   *
   * @throws IOException naming the problem: missing, not a regular file, larger than {@code
   *     maxBytes}, unreadable or not UTF-8
   */
  public static String readString(Path file, long maxBytes) throws IOException {
    byte[] bytes = readBytes(file, maxBytes);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file.getFileName() + " is not UTF-8 text");
    }
  }

  /** The file's bytes; see {@link #readString} for what is refused. */
  public static byte[] readBytes(Path file, long maxBytes) throws IOException {
    requireRegular(file);
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException(file.getFileName() + " is " + size + " bytes; at most " + maxBytes + " are read");
    }
    try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new IOException(file.getFileName() + " grew beyond " + maxBytes + " bytes while being read");
      }
      return bytes;
    }
  }

  /** Throws unless {@code file} is a regular file (links not followed). */
  public static void requireRegular(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.NoSuchFileException(file.getFileName() + " is missing");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file.getFileName() + " is not a regular file"
          + (Files.isSymbolicLink(file) ? " (a symbolic link)" : Files.isDirectory(file) ? " (a directory)"
              : " (a FIFO, socket or device?)"));
    }
  }
}
