package org.rnnlab.plugins.sinks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.rnnlab.archive.MetricsTable;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;

/**
 * Writes the run's {@code metrics.csv}: the header first, then one row per logged step. Each row
 * goes to the file in one write, unbuffered, as soon as it is accepted, so a process killed at
 * any moment leaves whole rows only. Numbers are written in full precision (Java's shortest
 * round-trip form, {@link MetricsTable#format}) so that two runs can be compared bit for bit; a
 * value absent at a step is an empty field. A resumed run appends to the file the runner trimmed
 * to its checkpoint.
 */
public final class CsvSink implements MetricSink {

  /** {@code csv} has no settings: the file is always the run directory's metrics.csv. */
  public record Settings() {}

  private OutputStream out;

  public CsvSink(Settings settings) {}

  @Override
  public void open(SinkContext context) throws IOException {
    out = context.resumed()
        ? Files.newOutputStream(context.runDirectory().resolve(MetricsTable.FILE), StandardOpenOption.APPEND,
            java.nio.file.LinkOption.NOFOLLOW_LINKS)
        : Files.newOutputStream(context.runDirectory().resolve(MetricsTable.FILE), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    if (!context.resumed()) {
      write(MetricsTable.format().format(context.columns().toArray()));
    }
  }

  @Override
  public void accept(MetricRow row) throws IOException {
    write(MetricsTable.format().format(MetricsTable.fields(row)));
  }

  /** One record and its line end in a single write to the file. */
  private void write(String record) throws IOException {
    out.write((record + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close(RunStatus status) throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
