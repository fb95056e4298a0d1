package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.Initializer;

/**
 * The contract of every {@link Initializer}: it overwrites every element with a finite value,
 * touches nothing outside the view, and the same random stream gives the same weights.
 */
public abstract class InitializerContract {

  protected abstract Initializer initializer();

  @Test
  void overwritesEveryElementWithFiniteValuesAndNothingElse() {
    for (int[] shape : new int[][] {{1, 1}, {7, 3}, {5, 5}, {3, 9}}) {
      double[] data = new double[2 + shape[0] * shape[1] + 2];
      java.util.Arrays.fill(data, Double.NaN);
      MatrixView view = new MatrixView(data, 2, shape[0], shape[1]);
      initializer().initialize(view, SplitMix64.derive(1, "init"));
      for (int i = 0; i < view.size(); i++) {
        assertTrue(Double.isFinite(data[2 + i]), "element " + i + " of " + shape[0] + "×" + shape[1]);
      }
      assertTrue(Double.isNaN(data[0]) && Double.isNaN(data[1]) && Double.isNaN(data[data.length - 1]),
          "wrote outside the view");
    }
  }

  @Test
  void theSameStreamGivesTheSameWeights() {
    MatrixView a = MatrixView.zeros(6, 4), b = MatrixView.zeros(6, 4);
    initializer().initialize(a, SplitMix64.derive(3, "init"));
    initializer().initialize(b, SplitMix64.derive(3, "init"));
    assertArrayEquals(a.data, b.data);
  }
}
