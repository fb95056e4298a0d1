package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;

/**
 * The contract of every {@link Clipper}: it never makes a gradient larger (in L2 norm or in any
 * entry's magnitude), never flips a sign, leaves zero gradients zero, and is deterministic.
 */
public abstract class ClipperContract {

  protected abstract Clipper clipper();

  /** Two layers, "cell" (W 3×4, b 3×1) and "readout" (V 2×3). */
  public static Parameters gradients(double scale, long seed) {
    ParameterLayout layout = ParameterLayout.builder()
        .add("cell", List.of(ParameterSpec.inputWeights("W", 3, 4), ParameterSpec.bias("b", 3, 0)))
        .add("readout", List.of(ParameterSpec.inputWeights("V", 2, 3)))
        .build();
    Parameters g = new Parameters(layout);
    SplitMix64 random = new SplitMix64(seed);
    for (int i = 0; i < g.values().length; i++) {
      g.values()[i] = scale * (2 * random.nextDouble() - 1);
    }
    return g;
  }

  @Test
  void neverEnlargesOrFlipsAGradient() {
    for (double scale : new double[] {1e-3, 0.3, 1, 10, 1e4}) {
      Parameters g = gradients(scale, 9);
      double[] before = g.values().clone();
      clipper().clip(g);
      assertTrue(g.norm() <= Math.sqrt(sumOfSquares(before)) * (1 + 1e-12));
      for (int i = 0; i < before.length; i++) {
        assertTrue(Math.abs(g.values()[i]) <= Math.abs(before[i]) * (1 + 1e-12), "entry " + i + " grew");
        assertTrue(g.values()[i] * before[i] >= 0, "entry " + i + " flipped");
      }
    }
  }

  @Test
  void leavesZeroGradientsZero() {
    Parameters g = gradients(0, 1);
    clipper().clip(g);
    assertEquals(0.0, g.norm());
  }

  @Test
  void isDeterministic() {
    Parameters a = gradients(50, 4), b = gradients(50, 4);
    clipper().clip(a);
    clipper().clip(b);
    assertArrayEquals(a.values(), b.values());
  }

  private static double sumOfSquares(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }
}
