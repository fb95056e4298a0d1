package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Vector API kernels: accurate, and the same bits whether interpreted or compiled. */
class VectorDenseTest {

  @Test
  void tanhAndSigmoidAreWithinAFewUlpOfTheirDefinitions() {
    SplitMix64 random = new SplitMix64(1);
    double[] x = new double[100_003];
    for (int i = 0; i < x.length; i++) {
      x[i] = (random.nextDouble() * 2 - 1) * (i % 3 == 0 ? 1 : i % 3 == 1 ? 20 : 1000);
    }
    double[] t = x.clone(), s = x.clone();
    VectorDense.tanh(t, 0, t.length);
    VectorDense.sigmoid(s, 0, s.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Math.tanh(x[i]), t[i], 3e-16, "tanh(" + x[i] + ")");
      assertEquals(1 / (1 + Math.exp(-x[i])), s[i], 3e-16, "σ(" + x[i] + ")");
      assertEquals(t[i], VectorDense.tanh(x[i]), "a vector lane and the scalar tail agree");
    }
    double[] edges = {0, -0.0, 1e-300, -1e-300, 20, -20, 1e300, -1e300, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.5, -0.5, 3, -3, 7, -7};
    double[] e = edges.clone();
    VectorDense.tanh(e, 0, e.length);
    assertEquals(1.0, e[4]);
    assertEquals(-1.0, e[5]);
    assertEquals(1.0, e[8]);
    assertEquals(-1.0, e[9]);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(e[1]), "tanh(−0) = −0");
    assertTrue(Double.isNaN(VectorDense.tanh(Double.NaN)));
  }

  /**
   * The first calls run interpreted, later ones compiled by C2 with vector instructions: every
   * result must be the same bits, or two runs with one seed would differ.
   */
  @Test
  void resultsDoNotDependOnWhetherTheCodeIsCompiled() {
    SplitMix64 random = new SplitMix64(7);
    MatrixView a = fill(MatrixView.zeros(50, 50), random), b = fill(MatrixView.zeros(50, 32), random);
    MatrixView v = fill(MatrixView.zeros(50, 1), random), t = fill(MatrixView.zeros(40, 1), random);
    double[] first = null;
    for (int round = 0; round < 30_000; round++) {
      MatrixView c = MatrixView.zeros(50, 32), d = MatrixView.zeros(50, 1), e = MatrixView.zeros(50, 50);
      Dense.multAdd(a, b, c);
      Dense.multAddTransA(a, b, c);
      Dense.multAddTransB(c, b, e);
      Dense.multAdd(a, v, d); // matrix × vector: the lane sums
      MatrixView h = MatrixView.zeros(40, 1);
      h.copyFrom(t);
      Activations.tanh(h);
      Activations.sigmoid(d);
      double[] all = concat(c.data, d.data, e.data, h.data);
      if (first == null) {
        first = all;
      } else {
        assertArrayEquals(first, all, "round " + round);
      }
    }
  }

  private static MatrixView fill(MatrixView m, SplitMix64 random) {
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = 2 * random.nextDouble() - 1;
    }
    return m;
  }

  private static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] all = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
