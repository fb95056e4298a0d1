package org.rnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.rnnlab.math.Precision;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.SequenceBatch;

/**
 * Compares the gradient BPTT computes with central finite differences,
 * (L(θ + δ) − L(θ − δ)) / 2δ, entry by entry. The contract test of every cell and the gradcheck
 * experiment use it.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * One compared entry.
   *
   * @param parameter the matrix's name
   * @param row row of the entry
   * @param col column of the entry
   * @param analytic the gradient from backpropagation
   * @param numeric the central difference
   */
  public record Entry(String parameter, int row, int col, double analytic, double numeric) {
    public double absoluteError() {
      return Math.abs(analytic - numeric);
    }

    /** |a − n| / max(|a|, |n|); 0 when both are 0. */
    public double relativeError() {
      return relativeError(0);
    }

    /**
     * |a − n| / max(|a|, |n|, floor): the relative error, except that entries smaller than {@code
     * floor} are measured against it. A central difference in float64 is only good to about 1e-10
     * absolute (rounding of the loss divided by 2δ), so the relative error of a gradient entry of
     * 1e-6 says nothing; with a floor of 1e-3 such entries must agree within 1e-9.
     */
    public double relativeError(double floor) {
      double scale = Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), floor);
      return scale == 0 ? 0 : absoluteError() / scale;
    }
  }

  /**
   * Checks {@code entriesPerMatrix} randomly chosen entries of every parameter matrix (all of them
   * when the matrix is that small) on one batch. The parameters are restored afterwards; the
   * gradients hold the analytic gradient of {@code batch}.
   *
   * @param delta the step δ of the central difference (1e-5 suits float64)
   * @param random chooses the entries
   */
  public static List<Entry> check(Network network, Network.Unrolled unrolled, SequenceBatch batch, Loss loss,
      double delta, int entriesPerMatrix, RandomGenerator random) {
    List<Entry> entries = new ArrayList<>();
    check(network, unrolled, batch, loss, delta, entriesPerMatrix, random, entry -> entries.add(entry));
    return entries;
  }

  /**
   * As {@link #check(Network, Network.Unrolled, SequenceBatch, Loss, double, int, RandomGenerator)},
   * handing each entry to {@code onEntry} as soon as it is measured (two forward passes each); stops
   * early, parameters restored, when {@code onEntry} returns false.
   */
  public static void check(Network network, Network.Unrolled unrolled, SequenceBatch batch, Loss loss,
      double delta, int entriesPerMatrix, RandomGenerator random, Predicate<Entry> onEntry) {
    if (unrolled.precision() != Precision.FLOAT64) { // float32's rounding (1e-7) would swamp a difference of δ = 1e-5
      throw new IllegalArgumentException("a gradient check runs in float64, not " + unrolled.precision()
          + ": unroll the network with Precision.FLOAT64");
    }
    unrolled.lossAndGradient(batch, loss);
    double[] analytic = network.gradients().values().clone();
    double[] theta = network.parameters().values();
    for (ParameterLayout.Block block : network.parameters().layout().blocks()) {
      for (int index : chooseEntries(block.size(), entriesPerMatrix, random)) {
        int i = block.offset() + index;
        double saved = theta[i];
        theta[i] = saved + delta;
        double plus = unrolled.loss(batch, loss);
        theta[i] = saved - delta;
        double minus = unrolled.loss(batch, loss);
        theta[i] = saved;
        int cols = block.spec().cols();
        if (!onEntry.test(new Entry(block.name(), index / cols, index % cols, analytic[i],
            (plus - minus) / (2 * delta)))) {
          return;
        }
      }
    }
  }

  /** {@code count} distinct indices below {@code size} in increasing order (all when count ≥ size). */
  static int[] chooseEntries(int size, int count, RandomGenerator random) {
    if (count >= size) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return all;
    }
    // Selection sampling (Knuth's Algorithm S): each index kept with the right conditional odds.
    int[] chosen = new int[count];
    int found = 0;
    for (int i = 0; i < size && found < count; i++) {
      if (random.nextInt(size - i) < count - found) {
        chosen[found++] = i;
      }
    }
    return chosen;
  }
}
