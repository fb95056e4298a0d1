package org.rnnlab.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.experiment.ChartWriter;
import org.rnnlab.experiment.Checkpoint;
import org.rnnlab.experiment.Console;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricLog;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.experiment.RunIO;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.SinkContext;
import org.rnnlab.experiment.TableLog;
import org.rnnlab.plot.ChartRenderer;
import org.rnnlab.store.CheckpointFile;
import org.rnnlab.store.CsvAppender;
import org.rnnlab.store.RunFiles;

/**
 * The {@link RunIO} of one run: {@code metrics.csv} (written here, by the core, row by row) and the
 * configured sinks, the experiment's own tables and charts, checkpoints, the console and the stop
 * request. {@link #close} closes everything opened, whatever happened.
 */
final class RunOutputs implements RunIO {
  private final RunConfig config;
  private final Path runDirectory;
  private final String runName;
  private final Console console;
  private final StopSignal stop;
  private final Checkpoint resume;
  private final List<MetricRow> earlierRows;
  private final Map<String, Double> references;
  private final String identity;
  private final List<MetricSink> openSinks = new ArrayList<>();
  private final List<CsvAppender> openFiles = new ArrayList<>();
  private final ChartWriter charts;
  private boolean metricsOpened;
  private long rowsWritten;

  /**
   * @param resume the checkpoint to continue from, or null for a fresh run
   * @param earlierRows the rows of {@code metrics.csv} up to that checkpoint (empty for a fresh run)
   * @param references chart reference levels by column (see {@link SinkContext#references()})
   * @param resolved the run's resolved config: what its checkpoints must belong to
   */
  RunOutputs(RunConfig config, Path runDirectory, Console console, StopSignal stop, Checkpoint resume,
      List<MetricRow> earlierRows, Map<String, Double> references, Map<String, Object> resolved) {
    this.config = config;
    this.runDirectory = runDirectory;
    this.runName = runDirectory.getFileName().toString();
    this.console = console;
    this.stop = stop;
    this.resume = resume;
    this.earlierRows = List.copyOf(earlierRows);
    this.references = Map.copyOf(references);
    this.identity = identity(resolved);
    this.charts = (fileName, chart) -> writeChart(runDirectory.resolve(checkedName(fileName, ".png", ".svg")),
        chart, runName);
  }

  /** Draws {@code chart} into {@code file} with the run's name under the title; false when nothing is drawable. */
  static boolean writeChart(Path file, LineChart chart, String runName) throws IOException {
    LineChart titled = new LineChart(chart.title() + "  ·  " + runName, chart.xLabel(), chart.yLabel())
        .xScale(chart.xScale()).yScale(chart.yScale()).size(chart.width(), chart.height());
    chart.series().forEach(titled::series);
    chart.references().forEach(r -> titled.reference(r.name(), r.y()));
    ChartRenderer renderer = new ChartRenderer(titled);
    if (!renderer.hasPoints()) {
      return false;
    }
    renderer.write(file);
    return true;
  }

  @Override
  public Console console() {
    return console;
  }

  @Override
  public boolean stopRequested() {
    return stop.requested();
  }

  @Override
  public MetricLog openMetrics(List<String> columns, long plannedSteps, double plannedSeconds) throws IOException {
    if (metricsOpened) {
      throw new IllegalStateException("metrics are already open");
    }
    if (columns.isEmpty() || !columns.get(0).equals("step")) {
      throw new IllegalArgumentException("the first metric column must be 'step', got " + columns);
    }
    metricsOpened = true;
    boolean resumed = resume != null;
    if (resumed && !earlierRows.isEmpty() && !earlierRows.get(0).columns().equals(columns)) {
      throw new IllegalStateException("the resumed run's metrics.csv has columns " + earlierRows.get(0).columns()
          + ", the experiment logs " + columns);
    }
    Path file = runDirectory.resolve(RunFiles.METRICS);
    CsvAppender metrics = resumed ? CsvAppender.append(file, columns.size()) : CsvAppender.create(file, columns);
    openFiles.add(metrics);
    SinkContext context = new SinkContext(runDirectory, columns, plannedSteps, plannedSeconds, console, charts,
        references, resumed, earlierRows);
    for (var configured : config.sinks()) {
      MetricSink sink = configured.create();
      sink.open(context);
      openSinks.add(sink);
    }
    List<String> fixed = List.copyOf(columns);
    return row -> {
      if (!row.columns().equals(fixed)) {
        throw new IllegalArgumentException("row columns " + row.columns() + " differ from the opened " + fixed);
      }
      metrics.append(row.values()); // on disk before any sink sees it
      rowsWritten++;
      for (MetricSink sink : openSinks) {
        sink.accept(row);
      }
    };
  }

  @Override
  public TableLog openTable(String fileName, List<String> columns) throws IOException {
    CsvAppender table = CsvAppender.create(runDirectory.resolve(checkedName(fileName, ".csv")), columns);
    openFiles.add(table);
    return table::appendFields;
  }

  @Override
  public ChartWriter charts() {
    return charts;
  }

  @Override
  public Optional<Checkpoint> resumeFrom() {
    return Optional.ofNullable(resume);
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) throws IOException {
    if (!checkpoint.has("step")) {
      throw new IllegalArgumentException("a checkpoint must hold the step it was taken at");
    }
    checkpoint.putString(IDENTITY, identity);
    CheckpointFile.write(checkpoint, runDirectory.resolve(RunFiles.CHECKPOINT));
  }

  @Override
  public void saveBestCheckpoint(Checkpoint checkpoint) throws IOException {
    checkpoint.putString(IDENTITY, identity);
    CheckpointFile.write(checkpoint, runDirectory.resolve(RunFiles.BEST_CHECKPOINT));
  }

  /** The key under which every checkpoint holds the config it belongs to (see {@link #identity}). */
  static final String IDENTITY = "run.config";

  /**
   * What a checkpoint belongs to: the resolved config without what does not change the numbers
   * (the run's name, its sinks, threads, tags and notes), as YAML. Resume refuses a checkpoint whose identity is not its
   * run's config.
   */
  static String identity(Map<String, Object> resolved) {
    Map<String, Object> kept = new java.util.LinkedHashMap<>(resolved);
    kept.remove("name");
    kept.remove("sinks");
    kept.remove("threads"); // changes the time, never a number
    kept.remove("tags");
    kept.remove("notes");
    return org.rnnlab.config.YamlWriter.write(kept);
  }

  @Override
  public Path runDirectory() {
    return runDirectory;
  }

  /** Rows in {@code metrics.csv}: those before a resume and those written since. */
  long rowsInTotal() {
    return earlierRows.size() + rowsWritten;
  }

  /** Closes every sink and file opened, even when one fails; rethrows the first failure. */
  void close(RunStatus status) throws IOException {
    IOException first = null;
    for (MetricSink sink : openSinks) {
      try {
        sink.close(status);
      } catch (IOException | RuntimeException e) {
        first = first != null ? first : e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
    }
    openSinks.clear();
    for (CsvAppender file : openFiles) {
      try {
        file.close();
      } catch (IOException e) {
        first = first != null ? first : e;
      }
    }
    openFiles.clear();
    if (first != null) {
      throw first;
    }
  }

  /** A plain file name with one of the extensions, not one the run itself writes. */
  private static String checkedName(String fileName, String... extensions) {
    if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || RunFiles.RESERVED.contains(fileName)
        || java.util.Arrays.stream(extensions).noneMatch(fileName::endsWith)) {
      throw new IllegalArgumentException("'" + fileName + "' is not a file name an experiment may write (a plain name"
          + " ending in " + String.join(" or ", extensions) + ", not one of " + RunFiles.RESERVED + ")");
    }
    return fileName;
  }
}
