package org.rnnlab.experiment;

import java.util.List;
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

  /** H of the bottom layer: {@code network.hidden}, or the first of {@code network.layers}. */
  int hiddenSize();

  /** The cell of the bottom layer ({@code network.cell}, or the first of {@code network.layers}), a new instance. */
  Cell newCell();

  /** The configured layers, bottom first, with new cell instances (one layer unless {@code network.layers} stacks several). */
  List<Network.Layer> layers();

  /** The configured {@code network.dropout}: the probability of dropping a unit between layers and before the readout. */
  double dropout();

  /**
   * A new network for the task's shape (cell, hidden size and initializers as configured),
   * initialized from the run's "init" random stream; successive calls continue that stream.
   */
  Network newNetwork();

  /**
   * A new network with another cell, shape or size, initialized like {@link #newNetwork()} (the
   * configured initializers, the run's "init" stream), its products in float64 whatever {@code
   * network.precision} says: what the studies of gradients use.
   */
  Network newNetwork(Cell cell, TaskShape shape, int hiddenSize);

  /**
   * The threads the run may use ({@link org.rnnlab.nn.BatchSlices}): the config's {@code threads},
   * 0 meaning every core; 1 for each point of a sweep that runs points side by side. The numbers
   * do not depend on it.
   */
  int threads();

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
