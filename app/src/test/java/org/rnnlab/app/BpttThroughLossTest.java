package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.GradientCheck;
import org.rnnlab.nn.Network;
import org.rnnlab.plugins.cells.RnnCell;
import org.rnnlab.plugins.initializers.GlorotInitializer;
import org.rnnlab.plugins.losses.SoftmaxCrossEntropy;
import org.rnnlab.plugins.tasks.MemoryTask;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.testkit.CellContract;

/**
 * BPTT of the real network (rnn cell, readout, softmax cross-entropy, Glorot weights) on memory-task
 * sequences agrees with central finite differences for every parameter entry.
 */
class BpttThroughLossTest {

  @ParameterizedTest(name = "{0}, batch {1}")
  @CsvSource({"TANH, 1", "TANH, 5", "RELU, 1", "RELU, 5"})
  void everyParameterMatchesFiniteDifferences(RnnCell.Activation activation, int batchSize) {
    MemoryTask task = new MemoryTask(new MemoryTask.Settings(6, 4)); // T = 13
    Network network = new Network(new RnnCell(new RnnCell.Settings(activation)), task.shape(), 7);
    GlorotInitializer glorot = new GlorotInitializer(new GlorotInitializer.Settings(1.5));
    network.initialize(glorot, glorot, SplitMix64.derive(5, "init"));
    SequenceBatch batch = new SequenceBatch(task.shape(), batchSize);
    task.sample(batch, SplitMix64.derive(5, "data"));
    List<GradientCheck.Entry> entries = GradientCheck.check(network, network.unroll(batchSize), batch,
        new SoftmaxCrossEntropy(new SoftmaxCrossEntropy.Settings()), 1e-5, Integer.MAX_VALUE,
        SplitMix64.derive(5, "entries"));
    GradientCheck.Entry worst = CellContract.worst(entries);
    assertTrue(worst.relativeError(CellContract.FLOOR) < CellContract.MAX_RELATIVE_ERROR,
        worst + ": relative error " + worst.relativeError(CellContract.FLOOR));
    assertTrue(entries.size() == network.parameters().values().length, "every entry checked");
  }
}
