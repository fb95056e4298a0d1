package org.rnnlab.archive;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.io.AtomicFiles;
import org.rnnlab.spi.MetricRow;

/**
 * A run's {@code metrics.csv}, read forgivingly: a last line cut short by a crash, or any record
 * with the wrong number of fields or a field that is not a number, is left out and counted, never
 * an error. Also the one place that formats numbers for the file, so that what is written reads
 * back bit for bit.
 */
public final class MetricsTable {
  /** The metrics file of every run directory. */
  public static final String FILE = "metrics.csv";

  private final List<String> columns;
  private final List<MetricRow> rows;
  private final int damagedLines;

  private MetricsTable(List<String> columns, List<MetricRow> rows, int damagedLines) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
    this.damagedLines = damagedLines;
  }

  public List<String> columns() {
    return columns;
  }

  public List<MetricRow> rows() {
    return rows;
  }

  /** Records left out because they were torn or malformed. */
  public int damagedLines() {
    return damagedLines;
  }

  /** The rows up to and including {@code step}. */
  public List<MetricRow> rowsUpTo(long step) {
    return rows.stream().filter(r -> r.step() <= step).toList();
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException when it cannot be read or has no header
   */
  public static MetricsTable read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int damaged = 0;
    if (!text.isEmpty() && !text.endsWith("\n")) { // the last record was being written when the run died
      text = text.substring(0, text.lastIndexOf('\n') + 1);
      damaged++;
    }
    List<String> columns;
    List<MetricRow> rows = new ArrayList<>();
    try (Reader reader = new java.io.StringReader(text);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      columns = parser.getHeaderNames();
      if (columns.isEmpty() || !columns.get(0).equals("step")) {
        throw new IOException(file + " has no header starting with 'step'");
      }
      for (CSVRecord record : parser) {
        double[] values = parse(record, columns.size());
        if (values == null) {
          damaged++;
        } else {
          rows.add(new MetricRow(columns, values));
        }
      }
    } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new IOException(file + " is not a metrics table: " + e.getMessage(), e);
    }
    return new MetricsTable(columns, rows, damaged);
  }

  private static double[] parse(CSVRecord record, int size) {
    if (record.size() != size) {
      return null;
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      String field = record.get(i).strip();
      try {
        values[i] = field.isEmpty() ? Double.NaN : Double.parseDouble(field);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return Double.isNaN(values[0]) ? null : values;
  }

  /** Rewrites {@code file} atomically with these columns and rows. */
  public static void write(Path file, List<String> columns, List<MetricRow> rows) throws IOException {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, format())) {
      printer.printRecord(columns);
      for (MetricRow row : rows) {
        printer.printRecord(fields(row));
      }
    }
    AtomicFiles.writeString(file, out.toString());
  }

  /** The CSV format of metrics files. */
  public static CSVFormat format() {
    return CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  }

  /** The fields of a row as written to the file. */
  public static Object[] fields(MetricRow row) {
    double[] v = row.values();
    Object[] fields = new Object[v.length];
    for (int i = 0; i < v.length; i++) {
      fields[i] = format(v[i]);
    }
    return fields;
  }

  /** Integers without a fraction, other numbers in Java's shortest round-trip form, NaN as empty. */
  public static String format(double value) {
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
}
