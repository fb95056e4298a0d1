package org.rnnlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.spi.Console;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;

/**
 * The contract of every {@link MetricSink}: it takes rows with missing (NaN) and extreme values,
 * can be closed without any row and with any status, and writes only inside the run directory.
 */
public abstract class MetricSinkContract {
  @TempDir protected Path root;

  protected abstract MetricSink sink();

  /** Records what a sink shows. */
  public static final class RecordingConsole implements Console {
    public final List<String> progress = new ArrayList<>();
    public final List<String> lines = new ArrayList<>();

    @Override
    public void progress(String line) {
      progress.add(line);
    }

    @Override
    public void println(String line) {
      lines.add(line);
    }
  }

  public static final List<String> COLUMNS = List.of("step", "loss", "accuracy", "grad_norm", "test_accuracy");

  protected SinkContext context(Path runDirectory, Console console) {
    return new SinkContext(runDirectory, COLUMNS, 30, console);
  }

  @Test
  void takesMissingAndExtremeValuesAndWritesOnlyInsideTheRunDirectory() throws IOException {
    Path run = Files.createDirectories(root.resolve("run"));
    MetricSink sink = sink();
    sink.open(context(run, new RecordingConsole()));
    sink.accept(new MetricRow(COLUMNS, new double[] {10, 2.5, 0.1, 0, Double.NaN}));
    sink.accept(new MetricRow(COLUMNS, new double[] {20, Double.POSITIVE_INFINITY, Double.NaN, 1e300, 0.5}));
    sink.accept(new MetricRow(COLUMNS, new double[] {30, 1e-300, 1, -1, 1}));
    sink.close(RunStatus.COMPLETED);
    try (Stream<Path> all = Files.list(root)) {
      assertTrue(all.allMatch(p -> p.equals(run)), "a sink wrote outside the run directory");
    }
  }

  @Test
  void canBeClosedWithoutRowsWhateverTheStatus() throws IOException {
    for (RunStatus status : new RunStatus[] {RunStatus.FAILED, RunStatus.INTERRUPTED, RunStatus.DIVERGED}) {
      Path run = Files.createDirectories(root.resolve(status.yamlName()));
      MetricSink sink = sink();
      sink.open(context(run, new RecordingConsole()));
      sink.close(status);
    }
  }
}
