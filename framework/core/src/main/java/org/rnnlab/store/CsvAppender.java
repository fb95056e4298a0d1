package org.rnnlab.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * A CSV file written row by row: each record and its line end go to the file in one unbuffered
 * write as soon as it is appended, so a process killed at any moment leaves whole rows only (a
 * last line cut short is what {@link MetricsTable} forgives). Numbers are written in full
 * precision ({@link #field}); NaN is an empty field.
 */
public final class CsvAppender implements Closeable {
  /** The CSV dialect of every file rnnlab writes: RFC 4180 with {@code \n} line ends. */
  public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final OutputStream out;
  private final int columns;

  private CsvAppender(OutputStream out, int columns) {
    this.out = out;
    this.columns = columns;
  }

  /** Creates {@code file} (it must not exist) and writes the header. */
  public static CsvAppender create(Path file, List<String> header) throws IOException {
    CsvAppender appender = new CsvAppender(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), header.size());
    appender.appendFields(header);
    return appender;
  }

  /** Opens an existing {@code file} to append rows with {@code columns} fields (links not followed). */
  public static CsvAppender append(Path file, int columns) throws IOException {
    BoundedFiles.requireRegular(file);
    return new CsvAppender(Files.newOutputStream(file, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), columns);
  }

  /** Appends one row of numbers. */
  public void append(double[] values) throws IOException {
    Object[] fields = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      fields[i] = field(values[i]);
    }
    appendFields(List.of(fields));
  }

  /** Appends one row: numbers in full precision, anything else as its text. */
  public void appendFields(List<?> fields) throws IOException {
    if (fields.size() != columns) {
      throw new IllegalArgumentException(fields.size() + " fields for " + columns + " columns");
    }
    Object[] texts = new Object[fields.size()];
    for (int i = 0; i < texts.length; i++) {
      Object f = fields.get(i);
      texts[i] = f instanceof Double || f instanceof Float ? field(((Number) f).doubleValue()) : f == null ? "" : f;
    }
    out.write((FORMAT.format(texts) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Integers without a fraction, other numbers in Java's shortest round-trip form, NaN as empty. */
  public static String field(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (Double.doubleToRawLongBits(value) == Long.MIN_VALUE) {
      return "-0.0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
