package org.rnnlab.plugins.sinks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVPrinter;
import org.rnnlab.archive.MetricsTable;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;

/**
 * Writes the run's {@code metrics.csv}: the header first, then one row per logged step, flushed as
 * it is written. Numbers are written in full precision (Java's shortest round-trip form, {@link
 * MetricsTable#format}) so that two runs can be compared bit for bit; a value absent at a step is
 * an empty field. A resumed run appends to the file the runner trimmed to its checkpoint.
 */
public final class CsvSink implements MetricSink {

  /** {@code csv} has no settings: the file is always the run directory's metrics.csv. */
  public record Settings() {}

  private CSVPrinter printer;

  public CsvSink(Settings settings) {}

  @Override
  public void open(SinkContext context) throws IOException {
    BufferedWriter writer = context.resumed()
        ? Files.newBufferedWriter(context.runDirectory().resolve(MetricsTable.FILE), StandardCharsets.UTF_8,
            StandardOpenOption.APPEND)
        : Files.newBufferedWriter(context.runDirectory().resolve(MetricsTable.FILE), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    printer = new CSVPrinter(writer, MetricsTable.format());
    if (!context.resumed()) {
      printer.printRecord(context.columns());
      printer.flush();
    }
  }

  @Override
  public void accept(MetricRow row) throws IOException {
    printer.printRecord(MetricsTable.fields(row));
    printer.flush();
  }

  @Override
  public void close(RunStatus status) throws IOException {
    if (printer != null) {
      printer.close(true);
      printer = null;
    }
  }
}
