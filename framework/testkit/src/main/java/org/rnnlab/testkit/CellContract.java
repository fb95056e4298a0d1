package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.GradientCheck;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The contract every {@link Cell} passes: BPTT through the cell and the readout agrees with
 * central finite differences (δ = 1e-5) for every parameter entry, on sequences of T = 12 steps,
 * batch 1 and batch &gt; 1, with symbol inputs and with dense inputs. A cell's test extends this
 * class and says which cell it is.
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

  @ParameterizedTest(name = "batch {0}, symbol inputs {1}")
  @CsvSource({"1, true", "4, true", "1, false", "3, false"})
  void gradientMatchesFiniteDifferences(int batchSize, boolean symbolInputs) {
    List<GradientCheck.Entry> entries = check(cell(), initScale(), batchSize, symbolInputs, 42);
    GradientCheck.Entry worst = worst(entries);
    assertTrue(worst.relativeError(FLOOR) < MAX_RELATIVE_ERROR,
        "worst entry " + worst + " has relative error " + worst.relativeError(FLOOR) + " (" + entries.size() + " checked)");
  }

  /** Checks every entry of every parameter of a small network with {@code cell}. */
  public static List<GradientCheck.Entry> check(Cell cell, double initScale, int batchSize, boolean symbolInputs,
      long seed) {
    TaskShape shape = new TaskShape(STEPS, symbolInputs ? 5 : 3, symbolInputs, 4);
    Task task = TestComponents.randomTask(shape);
    Network network = new Network(cell, shape, HIDDEN);
    network.initialize(TestComponents.uniform(initScale), TestComponents.uniform(initScale),
        SplitMix64.derive(seed, "init"));
    // Biases too start random, so that no unit sits at a special point.
    SplitMix64 biasRandom = SplitMix64.derive(seed, "bias");
    for (var block : network.parameters().layout().blocks()) {
      if (block.spec().kind() == org.rnnlab.spi.ParameterSpec.Kind.BIAS) {
        TestComponents.uniform(initScale).initialize(network.parameters().view(block), biasRandom);
      }
    }
    SequenceBatch batch = new SequenceBatch(shape, batchSize);
    task.sample(batch, SplitMix64.derive(seed, "data"));
    return GradientCheck.check(network, network.unroll(batchSize), batch, TestComponents.squaredError(), 1e-5,
        Integer.MAX_VALUE, SplitMix64.derive(seed, "entries"));
  }

  /** The entry with the largest relative error (floored as in the contract). */
  public static GradientCheck.Entry worst(List<GradientCheck.Entry> entries) {
    return entries.stream().max(Comparator.comparingDouble(e -> e.relativeError(FLOOR))).orElseThrow();
  }
}
