package org.rnnlab.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rnnlab.checkpoint.Checkpoint;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;

/** Everything a run offers its {@link Experiment}: the configured components and the run's outputs. */
public interface ExperimentContext {

  /** The configured task. */
  Task task();

  /**
   * A new network for the task's shape (cell, hidden size and initializers as configured),
   * initialized from the run's "init" random stream; successive calls continue that stream.
   */
  Network newNetwork();

  /** H, the configured {@code network.hidden}. */
  int hiddenSize();

  /** The configured {@code network.cell}, as a new instance. */
  Cell newCell();

  /**
   * A new network with another cell, shape or size, initialized like {@link #newNetwork()} (the
   * configured initializers, the run's "init" stream).
   */
  Network newNetwork(Cell cell, TaskShape shape, int hiddenSize);

  Loss loss();

  Clipper clipper();

  /** A new optimizer instance (optimizers keep per-network state). */
  Optimizer newOptimizer();

  /**
   * The random stream for {@code purpose} (e.g. "train-data", "test-data"), derived from the
   * config's seed alone; the same purpose always yields a new generator at the same start. Its
   * {@link SplitMix64#state()} can be checkpointed.
   */
  SplitMix64 random(String purpose);

  /**
   * The checkpoint to continue from when the run is resumed ({@code ./run resume}), else empty. An
   * experiment that saves checkpoints restores its state from it and goes on; its earlier metric
   * rows are already in the sinks.
   */
  Optional<Checkpoint> resumeFrom();

  /**
   * Saves {@code checkpoint} as the run's latest, atomically (a crash during the save keeps the
   * previous one). It must hold the long "step": the last step whose metric row was written.
   */
  void saveCheckpoint(Checkpoint checkpoint) throws IOException;

  /** The run directory; experiments may add files of their own to it. */
  Path runDirectory();

  Console console();

  /**
   * Opens the configured sinks for rows with these columns (first must be "step"); call at most
   * once. The runner closes them when the experiment returns.
   */
  MetricLog openMetrics(List<String> columns, long plannedSteps) throws IOException;

  /** True once the user asked the run to stop (Ctrl-C, SIGTERM); check it every step. */
  boolean stopRequested();
}
