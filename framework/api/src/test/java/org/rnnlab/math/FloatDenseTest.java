package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float product against the same product in double, for A and for Aᵀ (the two strides), at
 * offsets inside larger arrays: every shape the kernels branch on (one column, fewer columns than
 * lanes, whole and partial vectors, rows past the last block of four, inner dimensions past the
 * cache block).
 */
class FloatDenseTest {
  private final SplitMix64 random = new SplitMix64(5);

  @ParameterizedTest(name = "m={0} k={1} n={2}")
  @CsvSource({"1, 1, 1", "5, 7, 1", "50, 50, 1", "7, 5, 3", "13, 8, 8", "13, 8, 16", "50, 50, 32", "6, 9, 17",
      "9, 300, 33", "3, 600, 24", "50, 256, 50", "4, 2, 64"})
  void theProductIsTheDoubleProductToFloatPrecision(int m, int k, int n) {
    for (boolean transposed : new boolean[] {false, true}) {
      float[] a = random(3 + m * k), b = random(5 + k * n), c = random(2 + m * n + 4);
      float[] cBefore = c.clone();
      int ais = transposed ? 1 : k, aps = transposed ? m : 1;
      FloatDense.multAdd(a, 3, ais, aps, b, 5, c, 2, m, k, n);
      assertMatches(a, ais, aps, b, cBefore, c, m, k, n, transposed);
      float[] scalar = cBefore.clone();
      FloatDense.scalarMultAdd(a, 3, ais, aps, b, 5, scalar, 2, m, k, n);
      assertMatches(a, ais, aps, b, cBefore, scalar, m, k, n, transposed);
    }
  }

  /** c − c₀ against Σ_p A(i, p) b(p, j) in double, within float rounding of the sum of |terms|. */
  private static void assertMatches(float[] a, int ais, int aps, float[] b, float[] before, float[] c, int m, int k,
      int n, boolean transposed) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = before[2 + i * n + j], magnitude = Math.abs(sum);
        for (int p = 0; p < k; p++) {
          double term = (double) a[3 + i * ais + p * aps] * b[5 + p * n + j];
          sum += term;
          magnitude += Math.abs(term);
        }
        assertEquals(sum, c[2 + i * n + j], 1e-6 * (k + 1) * magnitude,
            (transposed ? "Aᵀ" : "A") + " element " + i + "," + j);
      }
    }
    assertEquals(before[0], c[0]); // nothing before the output is written,
    assertEquals(before[2 + m * n], c[2 + m * n]); // nor after it
  }

  @org.junit.jupiter.api.Test
  void aProductThatDoesNotFitItsArraysIsRefused() {
    float[] a = new float[12], b = new float[8], c = new float[6];
    assertThrows(IllegalArgumentException.class, () -> FloatDense.multAdd(a, 1, 4, 1, b, 0, c, 0, 3, 4, 2));
    assertThrows(IllegalArgumentException.class, () -> FloatDense.multAdd(a, 0, 4, 1, b, 1, c, 0, 3, 4, 2));
    assertThrows(IllegalArgumentException.class, () -> FloatDense.multAdd(a, 0, 4, 1, b, 0, c, 1, 3, 4, 2));
  }

  private float[] random(int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (2 * random.nextDouble() - 1);
    }
    return x;
  }
}
