package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiment.ChartWriter;
import org.rnnlab.experiment.Console;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.SinkContext;

/**
 * The contract of every {@link MetricSink}: it takes rows with missing (NaN) and extreme values,
 * shows or writes something for the rows it was given (a sink that does nothing is a bug), writes
 * files only inside the run directory (charts through {@link SinkContext#charts()}, named as plain
 * files), and can be closed without any row and with any status. A sink's test extends this class
 * and says which sink it is.
 */
public abstract class MetricSinkContract {
  @TempDir protected Path root;

  /** A new instance of the sink under test. */
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

  /** Records the charts a sink draws and writes a small file for each into the run directory. */
  public static final class RecordingCharts implements ChartWriter {
    private final Path runDirectory;
    public final List<String> files = new ArrayList<>();
    public final List<LineChart> charts = new ArrayList<>();

    public RecordingCharts(Path runDirectory) {
      this.runDirectory = runDirectory;
    }

    @Override
    public boolean write(String fileName, LineChart chart) throws IOException {
      if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.(png|svg)")) {
        throw new IllegalArgumentException("not a plain .png or .svg file name: " + fileName);
      }
      files.add(fileName);
      charts.add(chart);
      Files.writeString(runDirectory.resolve(fileName), chart.title(), StandardCharsets.UTF_8);
      return true;
    }
  }

  public static final List<String> COLUMNS = List.of("step", "loss", "accuracy", "grad_norm", "test_accuracy");

  /** The context a run would give the sink, with recording console and charts. */
  protected SinkContext context(Path runDirectory, Console console, ChartWriter charts) {
    return new SinkContext(runDirectory, COLUMNS, 30, console, charts, Map.of("accuracy", 0.125), false, List.of());
  }

  @Test
  void takesMissingAndExtremeValuesAndWritesOnlyInsideTheRunDirectory() throws IOException {
    Path run = Files.createDirectories(root.resolve("run"));
    RecordingConsole console = new RecordingConsole();
    RecordingCharts charts = new RecordingCharts(run);
    MetricSink sink = sink();
    sink.open(context(run, console, charts));
    sink.accept(new MetricRow(COLUMNS, new double[] {10, 2.5, 0.1, 0, Double.NaN}));
    sink.accept(new MetricRow(COLUMNS, new double[] {20, Double.POSITIVE_INFINITY, Double.NaN, 1e300, 0.5}));
    sink.accept(new MetricRow(COLUMNS, new double[] {30, 1e-300, 1, -1, 1}));
    sink.close(RunStatus.COMPLETED);
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> outside = all.filter(p -> !p.equals(root) && !p.startsWith(run)).toList();
      assertTrue(outside.isEmpty(), "the sink wrote outside the run directory: " + outside);
    }
    boolean showed = !console.lines.isEmpty() || !console.progress.isEmpty();
    boolean wrote;
    try (Stream<Path> files = Files.walk(run)) {
      wrote = files.anyMatch(Files::isRegularFile);
    }
    assertTrue(showed || wrote || !charts.files.isEmpty(),
        "the sink took three rows and neither showed nor wrote anything");
  }

  @Test
  void canBeClosedWithoutRowsWhateverTheStatus() throws IOException {
    for (RunStatus status : new RunStatus[] {RunStatus.FAILED, RunStatus.INTERRUPTED, RunStatus.DIVERGED}) {
      Path run = Files.createDirectories(root.resolve(status.yamlName()));
      RecordingCharts charts = new RecordingCharts(run);
      MetricSink sink = sink();
      sink.open(context(run, new RecordingConsole(), charts));
      sink.close(status);
      for (LineChart chart : charts.charts) {
        assertFalse(chart.series().stream().anyMatch(s -> s.x().length > 0),
            "a sink closed without rows drew points in " + chart.title());
      }
    }
  }
}
