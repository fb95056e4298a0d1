package org.rnnlab.experiment;

import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The components of a run, made from its config: what an {@link Experiment} works on. Nothing
 * here writes anything.
 */
public interface Components {

  /** The configured task (one instance for the whole run). */
  Task task();

  /** H, the configured {@code network.hidden}. */
  int hiddenSize();

  /** The configured {@code network.cell}, as a new instance. */
  Cell newCell();

  /**
   * A new network for the task's shape (cell, hidden size and initializers as configured),
   * initialized from the run's "init" random stream; successive calls continue that stream.
   */
  Network newNetwork();

  /**
   * A new network with another cell, shape or size, initialized like {@link #newNetwork()} (the
   * configured initializers, the run's "init" stream).
   */
  Network newNetwork(Cell cell, TaskShape shape, int hiddenSize);

  /** The configured loss (stateless; one instance for the whole run). */
  Loss loss();

  /** The configured clipper (stateless; one instance for the whole run). */
  Clipper clipper();

  /** A new optimizer instance (optimizers keep per-network state). */
  Optimizer newOptimizer();

  /**
   * The random stream for {@code purpose} (e.g. "train-data", "test-data"), derived from the
   * config's seed alone; the same purpose always yields a new generator at the same start. Its
   * {@link SplitMix64#state()} can be checkpointed.
   */
  SplitMix64 random(String purpose);
}
