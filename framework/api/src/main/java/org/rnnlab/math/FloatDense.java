package org.rnnlab.math;

/**
 * The one product of {@code network.precision: float32}, c += A·b over {@code float[]}s (see
 * {@link org.rnnlab.nn.Float32Weights}): twice the lanes of a double per SIMD register, so twice
 * the multiply-adds per instruction. A is read with two strides, so that A and Aᵀ are the same
 * call; b and c are row-major. With the Vector API present the product runs in {@link
 * FloatVectorDense}, otherwise (or with {@code -Drnnlab.scalar=true}) in plain loops. Sums are
 * taken in a fixed order, so results are reproducible on a machine.
 */
public final class FloatDense {
  private FloatDense() {}

  /**
   * c (m×n at co) += A·b, where A(i, p) = a[ao + i·ais + p·aps] (A = a with ais = k, aps = 1; A =
   * aᵀ with ais = 1, aps = m) and b is k×n at bo. Only c is modified; it must not share elements
   * with a or b.
   */
  public static void multAdd(float[] a, int ao, int ais, int aps, float[] b, int bo, float[] c, int co,
      int m, int k, int n) {
    if ((long) ao + (long) (m - 1) * ais + (long) (k - 1) * aps >= a.length && m > 0 && k > 0
        || (long) bo + (long) k * n > b.length || (long) co + (long) m * n > c.length) {
      throw new IllegalArgumentException("multAdd: " + m + "×" + k + " by " + k + "×" + n + " does not fit its arrays");
    }
    if (Dense.vector() && n >= FloatVectorDense.lanes()) {
      FloatVectorDense.multAdd(a, ao, ais, aps, b, bo, c, co, m, k, n);
    } else if (Dense.vector() && n == 1 && aps == 1) {
      FloatVectorDense.matVec(a, ao, ais, b, bo, c, co, m, k);
    } else if (Dense.vector() && n == 1 && ais == 1) {
      FloatVectorDense.transposedMatVec(a, ao, aps, b, bo, c, co, m, k);
    } else {
      scalarMultAdd(a, ao, ais, aps, b, bo, c, co, m, k, n);
    }
  }

  /** {@link #multAdd} in plain loops: each element sums over p in ascending order. */
  static void scalarMultAdd(float[] a, int ao, int ais, int aps, float[] b, int bo, float[] c, int co,
      int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      final int cRow = co + i * n, aRow = ao + i * ais;
      for (int p = 0; p < k; p++) {
        final float aip = a[aRow + p * aps];
        final int bRow = bo + p * n;
        for (int j = 0; j < n; j++) {
          c[cRow + j] += aip * b[bRow + j];
        }
      }
    }
  }

  /** "vector (8 floats)" or "scalar": which float kernels this JVM runs. */
  public static String kernels() {
    return Dense.vector() ? "vector (" + FloatVectorDense.lanes() + " floats)" : "scalar";
  }
}
