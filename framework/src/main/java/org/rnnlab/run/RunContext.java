package org.rnnlab.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.rnnlab.checkpoint.Checkpoint;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Console;
import org.rnnlab.spi.ExperimentContext;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.MetricLog;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/** The {@link ExperimentContext} of one run: components made from its bound config. */
final class RunContext implements ExperimentContext {
  private final RunConfig config;
  private final Path runDirectory;
  private final Console console;
  private final StopSignal stop;
  private final Task task;
  private final Loss loss;
  private final Clipper clipper;
  private final RandomGenerator initRandom;
  private final Checkpoint resume;
  private final List<MetricRow> earlierRows;
  private final List<MetricSink> openSinks = new ArrayList<>();
  private boolean metricsOpened;
  private long rowsWritten;

  /**
   * @param resume the checkpoint to continue from, or null for a fresh run
   * @param earlierRows the rows logged up to that checkpoint (empty for a fresh run)
   */
  RunContext(RunConfig config, Path runDirectory, Console console, StopSignal stop, Checkpoint resume,
      List<MetricRow> earlierRows) {
    this.config = config;
    this.runDirectory = runDirectory;
    this.console = console;
    this.stop = stop;
    this.resume = resume;
    this.earlierRows = List.copyOf(earlierRows);
    this.task = config.task().create();
    this.loss = config.loss().create();
    this.clipper = config.clipper().create();
    this.initRandom = random("init");
  }

  /** A network as configured, without consuming any random numbers (for validating a config). */
  static Network networkOf(RunConfig config, Task task) {
    NetworkSettings n = config.network();
    return new Network(n.cell().create(), task.shape(), n.hidden());
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public Network newNetwork() {
    return newNetwork(newCell(), task.shape(), hiddenSize());
  }

  @Override
  public int hiddenSize() {
    return config.network().hidden();
  }

  @Override
  public Cell newCell() {
    return config.network().cell().create();
  }

  @Override
  public Network newNetwork(Cell cell, TaskShape shape, int hiddenSize) {
    Network network = new Network(cell, shape, hiddenSize);
    NetworkSettings n = config.network();
    network.initialize(n.init().create(), n.recurrentInit().create(), initRandom);
    return network;
  }

  @Override
  public Loss loss() {
    return loss;
  }

  @Override
  public Clipper clipper() {
    return clipper;
  }

  @Override
  public Optimizer newOptimizer() {
    return config.optimizer().create();
  }

  @Override
  public SplitMix64 random(String purpose) {
    return SplitMix64.derive(config.seed(), purpose);
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
    checkpoint.write(runDirectory.resolve(RunDirectory.CHECKPOINT));
  }

  @Override
  public Path runDirectory() {
    return runDirectory;
  }

  @Override
  public Console console() {
    return console;
  }

  @Override
  public MetricLog openMetrics(List<String> columns, long plannedSteps) throws IOException {
    if (metricsOpened) {
      throw new IllegalStateException("metrics are already open");
    }
    if (columns.isEmpty() || !columns.get(0).equals("step")) {
      throw new IllegalArgumentException("the first metric column must be 'step', got " + columns);
    }
    metricsOpened = true;
    if (resume != null && !earlierRows.isEmpty() && !earlierRows.get(0).columns().equals(columns)) {
      throw new IllegalStateException("the resumed run's metrics.csv has columns " + earlierRows.get(0).columns()
          + ", the experiment logs " + columns);
    }
    SinkContext context = new SinkContext(runDirectory, columns, plannedSteps, console, resume != null, earlierRows);
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
      for (MetricSink sink : openSinks) {
        sink.accept(row);
      }
      rowsWritten++;
    };
  }

  /** Rows in the sinks: those before a resume and those written since. */
  long rowsInTotal() {
    return earlierRows.size() + rowsWritten;
  }

  long rowsWritten() {
    return rowsWritten;
  }

  /** Closes every opened sink, even when one fails; rethrows the first failure. */
  void closeSinks(RunStatus status) throws IOException {
    IOException first = null;
    for (MetricSink sink : openSinks) {
      try {
        sink.close(status);
      } catch (IOException | RuntimeException e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
      }
    }
    openSinks.clear();
    if (first != null) {
      throw first;
    }
  }

  @Override
  public boolean stopRequested() {
    return stop.requested();
  }
}
