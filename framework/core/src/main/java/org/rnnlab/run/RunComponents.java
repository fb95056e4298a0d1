package org.rnnlab.run;

import java.util.List;
import org.rnnlab.experiment.Components;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/** The {@link Components} of one run, made from its bound config. */
final class RunComponents implements Components {
  private final RunConfig config;
  private final Task task;
  private final Loss loss;
  private final Clipper clipper;
  private final SplitMix64 initRandom;

  RunComponents(RunConfig config) {
    this.config = config;
    this.task = config.task().create();
    this.loss = config.loss().create();
    this.clipper = config.clipper().create();
    this.initRandom = random("init");
  }

  /** A network as configured for inputs and outputs of {@code shape}, its parameters all zero (no random number drawn). */
  static Network uninitializedNetwork(RunConfig config, TaskShape shape) {
    NetworkSettings n = config.network();
    return new Network(n.networkLayers(), shape, n.dropout(), n.precision());
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public int hiddenSize() {
    return layers().get(0).hidden();
  }

  @Override
  public Cell newCell() {
    return layers().get(0).cell();
  }

  @Override
  public List<Network.Layer> layers() {
    return config.network().networkLayers();
  }

  @Override
  public double dropout() {
    return config.network().dropout();
  }

  @Override
  public Network newNetwork() {
    Network network = uninitializedNetwork(config, task.shape());
    NetworkSettings n = config.network();
    network.initialize(n.init().create(), n.recurrentInit().create(), initRandom);
    return network;
  }

  @Override
  public Network newNetwork(Cell cell, TaskShape shape, int hiddenSize) {
    Network network = new Network(cell, shape, hiddenSize);
    NetworkSettings n = config.network();
    network.initialize(n.init().create(), n.recurrentInit().create(), initRandom);
    return network;
  }

  @Override
  public int threads() {
    return RunExecution.threads(config);
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
}
