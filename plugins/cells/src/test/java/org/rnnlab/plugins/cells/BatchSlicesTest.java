package org.rnnlab.plugins.cells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.math.Precision;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Workers;
import org.rnnlab.nn.BatchSlices;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.TestComponents;

/**
 * A batch cut into slices that threads run side by side: the numbers are the same to the bit on
 * any number of threads, and the slices add up to what the whole batch gives in one pass.
 */
class BatchSlicesTest {
  private static final int B = 37; // three slices: 13, 12, 12
  private static final Loss LOSS = TestComponents.squaredError();

  /** A stack of every built-in cell (LSTM carries two state matrices), with dropout. */
  private static Network network(boolean symbols, double dropout) {
    return network(symbols, dropout, Precision.FLOAT64);
  }

  private static Network network(boolean symbols, double dropout, Precision precision) {
    TaskShape shape = new TaskShape(6, 5, symbols, 4, true);
    Network network = new Network(List.of(
        new Network.Layer(new LstmCell(new LstmCell.Settings(1.0)), 11),
        new Network.Layer(new GruCell(new GruCell.Settings(GruCell.ResetGate.AFTER)), 9),
        new Network.Layer(new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH)), 7)), shape, dropout, precision);
    SplitMix64 random = new SplitMix64(3);
    double[] values = network.parameters().values();
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.8 * (2 * random.nextDouble() - 1);
    }
    return network;
  }

  /** What three training passes over a stream of chunks leave: losses, gradients, counts, end states. */
  private static String passes(boolean symbols, int threads) {
    return passes(symbols, threads, Precision.FLOAT64);
  }

  private static String passes(boolean symbols, int threads, Precision precision) {
    Network network = network(symbols, 0.25, precision);
    Task task = TestComponents.randomTask(network.shape());
    SequenceBatch batch = new SequenceBatch(network.shape(), B);
    SplitMix64 data = new SplitMix64(5);
    StringBuilder out = new StringBuilder();
    try (Workers workers = new Workers(threads)) {
      BatchSlices slices = new BatchSlices(network, B, network.shape().steps(), workers);
      assertEquals(3, slices.slices());
      slices.dropout(new SplitMix64(9));
      for (int pass = 0; pass < 3; pass++) {
        if (pass > 0) {
          slices.carryState();
        }
        task.sample(batch, data);
        double loss = slices.lossAndGradient(batch, LOSS);
        out.append(Double.doubleToLongBits(loss)).append(' ').append(slices.countCorrect(batch)).append(' ')
            .append(java.util.Arrays.hashCode(network.gradients().values())).append(' ')
            .append(java.util.Arrays.hashCode(slices.endState())).append(' ')
            .append(Double.doubleToLongBits(slices.loss(batch, LOSS))).append('\n');
      }
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theNumbersAreTheSameToTheBitOnOneTwoOrThreeThreads(boolean symbols) {
    String one = passes(symbols, 1);
    assertEquals(one, passes(symbols, 2));
    assertEquals(one, passes(symbols, 3));
    assertEquals(one, passes(symbols, 8));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void float32TooIsTheSameToTheBitOnOneTwoOrThreeThreads(boolean symbols) {
    String one = passes(symbols, 1, Precision.FLOAT32);
    assertEquals(one, passes(symbols, 2, Precision.FLOAT32));
    assertEquals(one, passes(symbols, 3, Precision.FLOAT32));
    org.junit.jupiter.api.Assertions.assertNotEquals(passes(symbols, 1), one, "float32 changes the numbers");
  }

  /**
   * float32 gives float64's loss and gradient to float precision: every cell's recurrent product,
   * a layer's input from the one below, and the readout, with and without dropout masks.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"true, 0", "false, 0", "true, 0.25", "false, 0.25"})
  void float32GivesFloat64sGradientToFloatPrecision(boolean symbols, double dropout) {
    double[] losses = new double[2];
    double[][] gradients = new double[2][];
    for (Precision precision : Precision.values()) {
      Network network = network(symbols, dropout, precision);
      SequenceBatch batch = new SequenceBatch(network.shape(), B);
      TestComponents.randomTask(network.shape()).sample(batch, new SplitMix64(21));
      Network.Unrolled unrolled = network.unroll(B);
      unrolled.dropout(new SplitMix64(4));
      losses[precision.ordinal()] = unrolled.lossAndGradient(batch, LOSS);
      gradients[precision.ordinal()] = network.gradients().values().clone();
    }
    assertEquals(losses[0], losses[1], 1e-5 * Math.abs(losses[0]));
    double scale = 0;
    for (double g : gradients[0]) {
      scale = Math.max(scale, Math.abs(g));
    }
    for (int i = 0; i < gradients[0].length; i++) {
      assertEquals(gradients[0][i], gradients[1][i], 1e-5 * scale, "gradient " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theSlicesAddUpToTheWholeBatch(boolean symbols) {
    Network network = network(symbols, 0);
    Task task = TestComponents.randomTask(network.shape());
    SequenceBatch batch = new SequenceBatch(network.shape(), B);
    int steps = network.shape().steps();
    Network.Unrolled whole = network.unroll(B);
    try (Workers workers = new Workers(2)) {
      BatchSlices slices = new BatchSlices(network, B, steps, workers);
      SplitMix64 data = new SplitMix64(7);
      for (int pass = 0; pass < 2; pass++) { // the second from the state the first ended in
        if (pass > 0) {
          whole.carryState();
          slices.carryState();
        }
        task.sample(batch, data);
        double expectedLoss = whole.lossAndGradient(batch, LOSS);
        double[] expected = network.gradients().values().clone();
        long expectedCorrect = whole.countCorrect(batch);
        double[] expectedState = whole.endState();
        double loss = slices.lossAndGradient(batch, LOSS);
        assertEquals(expectedLoss, loss, 1e-12 * Math.abs(expectedLoss));
        double[] actual = network.gradients().values();
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), "gradient " + i);
        }
        assertEquals(expectedCorrect, slices.countCorrect(batch));
        assertArrayEquals(expectedState, slices.endState(), 1e-12);
        assertEquals(whole.loss(batch, LOSS), slices.loss(batch, LOSS), 1e-12);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aSavedStateStartsTheNextPassAsCarryingItDoes(boolean symbols) {
    Network network = network(symbols, 0);
    Task task = TestComponents.randomTask(network.shape());
    SequenceBatch first = new SequenceBatch(network.shape(), B), second = new SequenceBatch(network.shape(), B);
    SplitMix64 data = new SplitMix64(11);
    task.sample(first, data);
    task.sample(second, data);
    int steps = network.shape().steps();
    try (Workers workers = new Workers(2)) {
      BatchSlices carried = new BatchSlices(network, B, steps, workers);
      carried.lossAndGradient(first, LOSS);
      double[] saved = carried.endState();
      assertEquals(carried.stateSize(), saved.length);
      carried.carryState();
      double expected = carried.lossAndGradient(second, LOSS);
      double[] expectedGradient = network.gradients().values().clone();
      BatchSlices restored = new BatchSlices(network, B, steps, workers);
      restored.startFrom(saved);
      assertEquals(expected, restored.lossAndGradient(second, LOSS));
      assertArrayEquals(expectedGradient, network.gradients().values());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 16})
  void aBatchOfOneSliceRunsExactlyAsTheUnrolledNetwork(int batchSize) {
    double[] viaSlices, direct;
    double lossViaSlices, lossDirect;
    Network network = network(true, 0.25);
    Task task = TestComponents.randomTask(network.shape());
    SequenceBatch batch = new SequenceBatch(network.shape(), batchSize);
    task.sample(batch, new SplitMix64(2));
    try (Workers workers = new Workers(2)) {
      BatchSlices slices = new BatchSlices(network, batchSize, network.shape().steps(), workers);
      assertEquals(1, slices.slices());
      slices.dropout(new SplitMix64(4));
      lossViaSlices = slices.lossAndGradient(batch, LOSS);
      viaSlices = network.gradients().values().clone();
    }
    Network.Unrolled unrolled = network.unroll(batchSize);
    unrolled.dropout(new SplitMix64(4));
    lossDirect = unrolled.lossAndGradient(batch, LOSS);
    direct = network.gradients().values();
    assertEquals(lossDirect, lossViaSlices);
    assertArrayEquals(direct, viaSlices);
  }

  /** Slices that only score share the network's gradients, score as training slices do, and refuse BPTT. */
  @org.junit.jupiter.api.Test
  void scoringSlicesScoreAsTrainingSlicesDoWithoutGradientsOfTheirOwn() {
    Network network = network(true, 0);
    SequenceBatch batch = new SequenceBatch(network.shape(), B);
    TestComponents.randomTask(network.shape()).sample(batch, new SplitMix64(13));
    int steps = network.shape().steps();
    try (Workers workers = new Workers(2)) {
      BatchSlices training = new BatchSlices(network, B, steps, workers);
      BatchSlices scoring = BatchSlices.forScoring(network, B, steps, workers);
      assertEquals(training.loss(batch, LOSS), scoring.loss(batch, LOSS));
      assertEquals(training.countCorrect(batch), scoring.countCorrect(batch));
      org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> scoring.lossAndGradient(batch, LOSS));
    }
  }
}
