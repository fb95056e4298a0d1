package org.rnnlab.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.experiment.MetricRow;

/**
 * A run's {@code metrics.csv}, read forgivingly: a last line cut short by a crash, or any record
 * with the wrong number of fields or a field that is not a number, is left out and counted, never
 * an error. Numbers read back bit for bit what {@link CsvAppender} wrote.
 */
public final class MetricsTable {
  /** The largest metrics file read (about two million rows of a training run's columns). */
  public static final long MAX_BYTES = 256L << 20;

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
    String text = BoundedFiles.readString(file, MAX_BYTES);
    int damaged = 0;
    if (!text.isEmpty() && !text.endsWith("\n")) { // the last record was being written when the run died
      text = text.substring(0, text.lastIndexOf('\n') + 1);
      damaged++;
    }
    List<String> columns;
    List<MetricRow> rows = new ArrayList<>();
    try (Reader reader = new java.io.StringReader(text);
        CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
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

  /** The record's numbers (an empty field is NaN), or null when it is not a row of {@code size} numbers with a step. */
  static double[] parse(CSVRecord record, int size) {
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
    try (CSVPrinter printer = new CSVPrinter(out, CsvAppender.FORMAT)) {
      printer.printRecord(columns);
      for (MetricRow row : rows) {
        Object[] fields = new Object[row.values().length];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = CsvAppender.field(row.values()[i]);
        }
        printer.printRecord(fields);
      }
    }
    AtomicFiles.writeString(file, out.toString());
  }
}
