package org.rnnlab.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a {@code metrics.csv} from a byte position on, for readers that follow a run while it
 * trains: each call reads only what was appended since the cursor it is given, block by block,
 * never holding the whole file. A row counts once its line is whole (a run writes each row in one
 * write, ending in a newline); a record that is not a row of numbers is left out and counted, as
 * {@link MetricsTable} does. A resume replaces the file whole, so a cursor names the file it
 * belongs to, and a cursor that no longer fits the file starts over from the first row.
 */
public final class MetricsTail {
  private MetricsTail() {}

  /** Bytes decoded and parsed at a time. */
  static final int BLOCK = 1 << 20;

  /** The longest header line read. */
  static final int MAX_HEADER = 64 << 10;

  /**
   * Where a reader stands.
   *
   * @param file which file (a hash of its identity on the file system); 0 for none yet
   * @param offset the byte after the last whole line read
   */
  public record Cursor(long file, long offset) {
    /** Before the first row of any file. */
    public static final Cursor START = new Cursor(0, 0);

    /** As a URL-safe token: {@code <file>-<offset>} in hexadecimal and decimal. */
    public String token() {
      return Long.toHexString(file) + "-" + offset;
    }

    /** The cursor of {@link #token}, or {@link #START} for anything else. */
    public static Cursor parse(String token) {
      if (token == null || !token.matches("[0-9a-f]{1,16}-[0-9]{1,18}")) {
        return START;
      }
      int dash = token.indexOf('-');
      return new Cursor(Long.parseUnsignedLong(token.substring(0, dash), 16), Long.parseLong(token.substring(dash + 1)));
    }
  }

  /**
   * What a read found.
   *
   * @param columns the header's column names, "step" first
   * @param rows rows handed to the consumer
   * @param damagedLines records left out (wrong number of fields, not numbers)
   * @param next where the next read starts
   * @param restarted true when the given cursor did not fit the file and reading started over
   * @param more true when the read stopped at its byte limit before the end of the file
   * @param fileBytes the file's size when it was read
   */
  public record Result(List<String> columns, long rows, int damagedLines, Cursor next, boolean restarted, boolean more,
      long fileBytes) {}

  /**
   * Hands every whole row after {@code from} to {@code rows} (the values in column order, step
   * first), reading at most about {@code maxBytes}.
   *
   * @throws IOException when the file is missing, not a regular file, larger than {@link
   *     MetricsTable#MAX_BYTES}, not UTF-8, or has no header starting with "step"
   */
  public static Result read(Path file, Cursor from, long maxBytes, Consumer<double[]> rows) throws IOException {
    BoundedFiles.requireRegular(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      long identity = identity(attributes);
      long size = channel.size();
      if (size > MetricsTable.MAX_BYTES) {
        throw new IOException(file.getFileName() + " is " + size + " bytes; at most " + MetricsTable.MAX_BYTES
            + " are read");
      }
      byte[] headerBytes = readUpTo(channel, 0, (int) Math.min(size, MAX_HEADER));
      int headerEnd = indexOf(headerBytes, (byte) '\n');
      if (headerEnd < 0) {
        if (size == 0 || size < MAX_HEADER) { // no whole header yet: a run that has only just started
          return new Result(List.of(), 0, 0, new Cursor(identity, 0), from.offset() != 0, false, size);
        }
        throw new IOException(file.getFileName() + " has no header line");
      }
      List<String> columns = header(file, new String(headerBytes, 0, headerEnd, StandardCharsets.UTF_8));
      long start = from.offset();
      boolean restarted = false;
      if (from.file() != identity || start < headerEnd + 1 || start > size || !lineStart(channel, start)) {
        restarted = !from.equals(Cursor.START);
        start = headerEnd + 1;
      }
      long rowCount = 0;
      int damaged = 0;
      long position = start;
      while (position < size && position - start < maxBytes) {
        byte[] block = readUpTo(channel, position, (int) Math.min(BLOCK, size - position));
        int end = lastIndexOf(block, (byte) '\n');
        if (end < 0) {
          if (block.length == BLOCK) {
            throw new IOException(file.getFileName() + " has a line longer than " + BLOCK + " bytes");
          }
          break; // a line still being written: it is read once whole
        }
        String text = decode(file, block, end + 1);
        int lineStart = 0;
        while (lineStart < text.length()) {
          int lineEnd = text.indexOf('\n', lineStart);
          double[] values = parseLine(file, text.substring(lineStart, lineEnd), columns.size());
          lineStart = lineEnd + 1;
          if (values == EMPTY) {
            continue;
          }
          if (values == null) {
            damaged++;
          } else {
            rows.accept(values);
            rowCount++;
          }
        }
        position += end + 1;
      }
      return new Result(columns, rowCount, damaged, new Cursor(identity, position), restarted, position < size
          && position - start >= maxBytes, size);
    }
  }

  /** A blank line: no record (as CSV parsers skip it). */
  private static final double[] EMPTY = new double[0];

  /**
   * One line's numbers as {@link MetricsTable} reads them (the same fields, the same numbers), or
   * null for a record that is not a row. Lines of plain fields are split here, which is several
   * times faster than a CSV parser; a line with a quote goes through the parser.
   */
  private static double[] parseLine(Path file, String line, int size) throws IOException {
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      return EMPTY;
    }
    if (line.indexOf('"') >= 0) {
      try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
        List<CSVRecord> records = parser.getRecords();
        return records.size() == 1 ? MetricsTable.parse(records.get(0), size) : null;
      } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
        return null;
      }
    }
    double[] values = new double[size];
    int field = 0, from = 0;
    while (true) {
      int comma = line.indexOf(',', from);
      String text = (comma < 0 ? line.substring(from) : line.substring(from, comma)).strip();
      if (field == size) {
        return null; // more fields than columns
      }
      try {
        values[field++] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return null;
      }
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    return field != size || Double.isNaN(values[0]) ? null : values;
  }

  /**
   * A cursor at the first whole row whose step is at least {@code step}, found by bisecting the
   * file (steps grow down a metrics.csv), so that reading a late stretch of a long file does not
   * read what comes before it. In a file whose steps do not grow, it is merely somewhere earlier.
   */
  public static Cursor seek(Path file, double step) throws IOException {
    BoundedFiles.requireRegular(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long identity = identity(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
      long size = channel.size();
      byte[] head = readUpTo(channel, 0, (int) Math.min(size, MAX_HEADER));
      int headerEnd = indexOf(head, (byte) '\n');
      if (headerEnd < 0) {
        return new Cursor(identity, 0);
      }
      long low = headerEnd + 1, high = size; // low: a line start whose step is below (or the first row)
      while (high - low > 4096) {
        long middle = (low + high) >>> 1;
        byte[] around = readUpTo(channel, middle, (int) Math.min(4096, size - middle));
        int newline = indexOf(around, (byte) '\n');
        if (newline < 0 || newline + 1 >= around.length) {
          high = middle;
          continue;
        }
        long lineStart = middle + newline + 1;
        double found = firstField(around, newline + 1);
        if (!Double.isNaN(found) && found < step) {
          low = lineStart;
        } else {
          high = middle;
        }
      }
      return new Cursor(identity, low);
    }
  }

  /** The number at the start of the line at {@code from} in {@code bytes}, or NaN. */
  private static double firstField(byte[] bytes, int from) {
    int end = from;
    while (end < bytes.length && bytes[end] != ',' && bytes[end] != '\n') {
      end++;
    }
    try {
      return Double.parseDouble(new String(bytes, from, end - from, StandardCharsets.US_ASCII).strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static List<String> header(Path file, String line) throws IOException {
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
      List<CSVRecord> records = parser.getRecords();
      List<String> columns = records.isEmpty() ? List.of() : records.get(0).toList();
      if (columns.isEmpty() || !columns.get(0).equals("step")) {
        throw new IOException(file.getFileName() + " has no header starting with 'step'");
      }
      return List.copyOf(columns);
    } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new IOException(file.getFileName() + " has no readable header: " + e.getMessage(), e);
    }
  }

  /** The file's identity on its file system (device and inode where there are such), as a number. */
  private static long identity(BasicFileAttributes attributes) {
    Object key = attributes.fileKey();
    String text = key != null ? key.toString() : attributes.creationTime().toString();
    long h = 1125899906842597L; // a 64-bit string hash: a replaced file gets another identity
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return h == 0 ? 1 : h;
  }

  /** Whether {@code position} follows a newline: the start of a line (a cursor of this file). */
  private static boolean lineStart(FileChannel channel, long position) throws IOException {
    byte[] before = readUpTo(channel, position - 1, 1);
    return before.length == 1 && before[0] == '\n';
  }

  private static byte[] readUpTo(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        break;
      }
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return bytes;
  }

  private static String decode(Path file, byte[] bytes, int length) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file.getFileName() + " is not UTF-8 text");
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes, byte b) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
