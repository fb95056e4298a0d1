package org.rnnlab.plugins.sinks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rnnlab.config.Setting;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;

/**
 * Writes {@code metrics.csv}: the header first, then one row per logged step, flushed as it is
 * written. Numbers are written in full precision (Java's shortest round-trip form) so that two
 * runs can be compared bit for bit; a value absent at a step is an empty field.
 */
public final class CsvSink implements MetricSink {

  /** Settings of {@code csv}. */
  public record Settings(
      @Setting(value = "file name inside the run directory", defaultValue = "metrics.csv")
      String file) {
    public Settings {
      if (!file.matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.csv")) {
        throw new IllegalArgumentException("csv file must be a plain file name ending in .csv, got '" + file + "'");
      }
    }
  }

  private final String file;
  private BufferedWriter writer;
  private CSVPrinter printer;

  public CsvSink(Settings settings) {
    this.file = settings.file();
  }

  @Override
  public void open(SinkContext context) throws IOException {
    writer = Files.newBufferedWriter(context.runDirectory().resolve(file), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
    printer.printRecord(context.columns());
    printer.flush();
  }

  @Override
  public void accept(MetricRow row) throws IOException {
    double[] v = row.values();
    Object[] fields = new Object[v.length];
    for (int i = 0; i < v.length; i++) {
      fields[i] = format(v[i]);
    }
    printer.printRecord(fields);
    printer.flush();
  }

  /** Integers without a fraction, other finite numbers in shortest round-trip form, NaN as empty. */
  static String format(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  @Override
  public void close(RunStatus status) throws IOException {
    if (printer != null) {
      printer.close(true);
      printer = null;
    }
  }
}
