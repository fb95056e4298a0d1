package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.GradientCheck;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The contract every {@link Cell} passes: BPTT through the cell and the readout agrees with
 * central finite differences (δ = 1e-5) for every parameter entry, on sequences of T = 12 steps,
 * batch 1 and batch &gt; 1, with symbol inputs and with dense inputs, from a zero state and from a
 * random one (a stream's carried state), alone and stacked (under and over another cell, and on
 * itself). Its state is what {@code stateCount} says and what a stream carries. A cell's test
 * extends this class and says which cell it is.
 *
 * <p>The bound is a relative error of 1e-6, |a − n| / max(|a|, |n|, 1e-3): entries smaller than
 * 1e-3 must agree within 1e-9 absolute, because below that the central difference itself carries
 * rounding noise of about 1e-10 (see {@link GradientCheck.Entry#relativeError(double)}).
 */
public abstract class CellContract {
  /** The bound of every entry's relative error. */
  public static final double MAX_RELATIVE_ERROR = 1e-6;

  /** Entries smaller than this are measured against it (the finite difference's noise floor). */
  public static final double FLOOR = 1e-3;

  static final int STEPS = 12;
  static final int HIDDEN = 6;

  /** A new instance of the cell under test. */
  protected abstract Cell cell();

  /** The scale of the uniform initial weights; cells whose gates saturate may want less. */
  protected double initScale() {
    return 0.5;
  }

  @ParameterizedTest(name = "batch {0}, symbol inputs {1}, random start state {2}")
  @CsvSource({"1, true, false", "4, true, false", "1, false, false", "3, false, false", "1, true, true",
      "3, false, true"})
  void gradientMatchesFiniteDifferences(int batchSize, boolean symbolInputs, boolean randomStart) {
    assertPasses(check(List.of(new Network.Layer(cell(), HIDDEN)), initScale(), batchSize, symbolInputs, randomStart,
        42));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"under another cell", "over another cell", "on itself"})
  void gradientMatchesFiniteDifferencesInAStack(String where) {
    Cell other = TestComponents.tanhCell();
    List<Network.Layer> stack = switch (where) {
      case "under another cell" -> List.of(new Network.Layer(cell(), HIDDEN), new Network.Layer(other, 4));
      case "over another cell" -> List.of(new Network.Layer(other, 4), new Network.Layer(cell(), HIDDEN));
      default -> List.of(new Network.Layer(cell(), HIDDEN), new Network.Layer(cell(), 5));
    };
    assertPasses(check(stack, initScale(), 3, true, true, 7));
  }

  @Test
  void itsStateIsWhatItCarries() {
    Cell cell = cell();
    int count = cell.stateCount();
    assertTrue(count >= 1, "a cell carries at least h");
    TaskShape shape = new TaskShape(STEPS, 5, true, 4);
    Network network = network(List.of(new Network.Layer(cell, HIDDEN)), shape, initScale(), 3);
    SequenceBatch batch = new SequenceBatch(shape, 2);
    TestComponents.randomTask(shape).sample(batch, SplitMix64.derive(3, "data"));
    Network.Unrolled unrolled = network.unroll(2);
    unrolled.forward(batch);
    double[] end = unrolled.endState();
    assertEquals(count * HIDDEN * 2, end.length, "stateCount matrices of H × B");
    for (int i = 0; i < HIDDEN * 2; i++) {
      assertEquals(unrolled.hidden(STEPS - 1).data[unrolled.hidden(STEPS - 1).offset + i], end[i], 0,
          "state 0 is h_T");
    }
    // Two chunks with the state carried equal one pass over both: the carried state is all of it.
    TaskShape half = shape.withSteps(STEPS / 2);
    SequenceBatch first = new SequenceBatch(half, 2), second = new SequenceBatch(half, 2);
    for (int t = 0; t < STEPS / 2; t++) {
      for (int b = 0; b < 2; b++) {
        first.setSymbol(t, b, batch.symbol(t, b));
        second.setSymbol(t, b, batch.symbol(t + STEPS / 2, b));
      }
    }
    Network.Unrolled chunks = network.unroll(2, STEPS / 2);
    chunks.forward(first);
    chunks.carryState();
    chunks.forward(second);
    assertArrayEquals(end, chunks.endState(), 1e-12, "the second chunk continues where the first ended");
    chunks.resetState();
    chunks.forward(first);
    Network.Unrolled fresh = network.unroll(2, STEPS / 2);
    fresh.forward(first);
    assertArrayEquals(fresh.endState(), chunks.endState(), 0, "reset starts from zeros again");
  }

  private static void assertPasses(List<GradientCheck.Entry> entries) {
    GradientCheck.Entry worst = worst(entries);
    assertTrue(worst.relativeError(FLOOR) < MAX_RELATIVE_ERROR,
        "worst entry " + worst + " has relative error " + worst.relativeError(FLOOR) + " (" + entries.size() + " checked)");
  }

  /** Checks every entry of every parameter of a small network with {@code cell}. */
  public static List<GradientCheck.Entry> check(Cell cell, double initScale, int batchSize, boolean symbolInputs,
      long seed) {
    return check(List.of(new Network.Layer(cell, HIDDEN)), initScale, batchSize, symbolInputs, false, seed);
  }

  /**
   * Checks every entry of every parameter of a small network of {@code layers}; with {@code
   * randomStart}, every layer starts from a random state rather than zeros.
   */
  public static List<GradientCheck.Entry> check(List<Network.Layer> layers, double initScale, int batchSize,
      boolean symbolInputs, boolean randomStart, long seed) {
    TaskShape shape = new TaskShape(STEPS, symbolInputs ? 5 : 3, symbolInputs, 4);
    Task task = TestComponents.randomTask(shape);
    Network network = network(layers, shape, initScale, seed);
    SequenceBatch batch = new SequenceBatch(shape, batchSize);
    task.sample(batch, SplitMix64.derive(seed, "data"));
    Network.Unrolled unrolled = network.unroll(batchSize);
    if (randomStart) {
      unrolled.forward(batch); // sizes the state
      double[] state = unrolled.endState();
      SplitMix64 random = SplitMix64.derive(seed, "start");
      for (int i = 0; i < state.length; i++) {
        state[i] = 2 * random.nextDouble() - 1;
      }
      unrolled.startFrom(state);
    }
    return GradientCheck.check(network, unrolled, batch, TestComponents.squaredError(), 1e-5, Integer.MAX_VALUE,
        SplitMix64.derive(seed, "entries"));
  }

  /** A network of {@code layers} with every parameter, biases too, uniform in ±{@code initScale}. */
  private static Network network(List<Network.Layer> layers, TaskShape shape, double initScale, long seed) {
    Network network = new Network(layers, shape, 0);
    network.initialize(TestComponents.uniform(initScale), TestComponents.uniform(initScale),
        SplitMix64.derive(seed, "init"));
    // Biases (and a cell's own blocks) too start random, so that no unit sits at a special point.
    SplitMix64 biasRandom = SplitMix64.derive(seed, "bias");
    for (var block : network.parameters().layout().blocks()) {
      if (block.spec().kind() == ParameterSpec.Kind.BIAS || block.spec().kind() == ParameterSpec.Kind.CELL) {
        TestComponents.uniform(initScale).initialize(network.parameters().view(block), biasRandom);
      }
    }
    return network;
  }

  /** The entry with the largest relative error (floored as in the contract). */
  public static GradientCheck.Entry worst(List<GradientCheck.Entry> entries) {
    return entries.stream().max(Comparator.comparingDouble(e -> e.relativeError(FLOOR))).orElseThrow();
  }
}
