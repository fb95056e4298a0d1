package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kernels against EJML's CommonOps_DDRM, on views that start inside a larger array. */
class DenseTest {
  private final SplitMix64 random = new SplitMix64(3);

  @ParameterizedTest(name = "m={0} k={1} n={2}")
  @CsvSource({"1, 1, 1", "5, 7, 1", "5, 1, 7", "1, 6, 9", "13, 8, 32", "50, 50, 1", "10, 50, 3", "7, 5, 17",
      "50, 50, 50", "3, 4, 16", "50, 32, 50"})
  void productsMatchEjml(int m, int k, int n) {
    MatrixView a = random(m, k), b = random(k, n), at = random(k, m), bt = random(n, k);
    MatrixView c = random(m, n);
    DMatrixRMaj expected = ejml(c);

    Dense.multAdd(a, b, c);
    CommonOps_DDRM.multAdd(ejml(a), ejml(b), expected);
    assertClose(expected, c);

    Dense.multAddTransA(at, b, c);
    CommonOps_DDRM.multAddTransA(ejml(at), ejml(b), expected);
    assertClose(expected, c);

    Dense.multAddTransB(a, bt, c);
    CommonOps_DDRM.multAddTransB(ejml(a), ejml(bt), expected);
    assertClose(expected, c);

    Dense.mult(a, b, c);
    CommonOps_DDRM.mult(ejml(a), ejml(b), expected);
    assertClose(expected, c);
  }

  @ParameterizedTest(name = "scalar m={0} k={1} n={2}")
  @CsvSource({"1, 1, 1", "5, 7, 1", "13, 8, 32", "50, 50, 1", "7, 5, 17"})
  void scalarLoopsMatchEjmlToo(int m, int k, int n) {
    MatrixView a = random(m, k), b = random(k, n), at = random(k, m);
    MatrixView c = random(m, n);
    DMatrixRMaj expected = ejml(c);
    Dense.scalarMultAdd(a, b, c);
    CommonOps_DDRM.multAdd(ejml(a), ejml(b), expected);
    assertClose(expected, c);
    Dense.scalarMultAddTransA(at, b, c);
    CommonOps_DDRM.multAddTransA(ejml(at), ejml(b), expected);
    assertClose(expected, c);
  }

  @org.junit.jupiter.api.Test
  void vectorActivationsAgreeWithTheScalarOnes() {
    MatrixView x = random(7, 9);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] *= 30; // reach into the saturated tails
    }
    MatrixView t = MatrixView.zeros(7, 9), s = MatrixView.zeros(7, 9);
    t.copyFrom(x);
    s.copyFrom(x);
    Activations.tanh(t);
    Activations.sigmoid(s);
    for (int i = 0; i < x.size(); i++) {
      double v = x.data[x.offset + i];
      assertEquals(Math.tanh(v), t.data[i], 4e-16, "tanh(" + v + ")");
      assertEquals(1 / (1 + Math.exp(-v)), s.data[i], 4e-16, "σ(" + v + ")");
      assertTrue(Math.abs(t.data[i]) <= 1 && s.data[i] >= 0 && s.data[i] <= 1);
    }
  }

  @org.junit.jupiter.api.Test
  void theTestsRunTheVectorKernels() {
    assertEquals(true, Dense.kernels().startsWith("vector"), "surefire passes --add-modules jdk.incubator.vector");
  }

  @ParameterizedTest(name = "m={0} n={1}")
  @CsvSource({"1, 1", "4, 1", "6, 9"})
  void columnBroadcastAndItsGradient(int m, int n) {
    MatrixView v = random(m, 1), c = random(m, n);
    DMatrixRMaj expected = ejml(c);
    Dense.addToColumns(v, c);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        expected.add(i, j, v.get(i, 0));
      }
    }
    assertClose(expected, c);

    MatrixView sums = random(m, 1);
    DMatrixRMaj expectedSums = ejml(sums);
    Dense.addColumnSums(c, sums);
    DMatrixRMaj rowSums = CommonOps_DDRM.sumRows(ejml(c), null);
    CommonOps_DDRM.addEquals(expectedSums, rowSums);
    assertClose(expectedSums, sums);
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "3", "4", "17"})
  void sumOfSquares(int length) {
    MatrixView x = random(1, length);
    double expected = 0;
    for (int i = 0; i < length; i++) {
      expected += x.get(0, i) * x.get(0, i);
    }
    assertEquals(expected, Dense.sumOfSquares(x.data, x.offset, x.offset + length), 1e-12);
  }

  @org.junit.jupiter.api.Test
  void mismatchedShapesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Dense.multAdd(random(2, 3), random(4, 2), random(2, 2)));
    assertThrows(IllegalArgumentException.class, () -> Dense.multAddTransA(random(2, 3), random(3, 2), random(3, 2)));
    assertThrows(IllegalArgumentException.class, () -> Dense.multAddTransB(random(2, 3), random(2, 2), random(2, 2)));
    assertThrows(IllegalArgumentException.class, () -> new MatrixView(new double[5], 2, 2, 2));
  }

  /** A view with random values, placed at an offset inside a bigger random array. */
  /** The fused backward of a recurrent product at batch 1 gives the bits of its two products. */
  @ParameterizedTest
  @CsvSource({"50, 50", "7, 13", "1, 1", "4, 9", "13, 4", "128, 128"})
  void outerAndTransposedIsTheTwoProductsToTheBit(int m, int k) {
    MatrixView u = random(m, k), da = random(m, 1), h = random(k, 1);
    MatrixView dU = random(m, k), dh = random(k, 1);
    MatrixView dUExpected = copy(dU), dhExpected = copy(dh);
    Dense.multAddTransB(da, h, dUExpected);
    Dense.multAddTransA(u, da, dhExpected);
    Dense.outerAndTransposed(u, da, h, dU, dh);
    assertArrayEquals(dUExpected.data, dU.data);
    assertArrayEquals(dhExpected.data, dh.data);
    assertThrows(IllegalArgumentException.class, () -> Dense.outerAndTransposed(u, da, random(k + 1, 1), dU, dh));
  }

  private static MatrixView copy(MatrixView x) {
    return new MatrixView(x.data.clone(), x.offset, x.rows, x.cols);
  }

  private MatrixView random(int rows, int cols) {
    int offset = 3;
    double[] data = new double[offset + rows * cols + 2];
    for (int i = 0; i < data.length; i++) {
      data[i] = 2 * random.nextDouble() - 1;
    }
    return new MatrixView(data, offset, rows, cols);
  }

  private static DMatrixRMaj ejml(MatrixView v) {
    DMatrixRMaj m = new DMatrixRMaj(v.rows, v.cols);
    for (int i = 0; i < v.rows; i++) {
      for (int j = 0; j < v.cols; j++) {
        m.set(i, j, v.get(i, j));
      }
    }
    return m;
  }

  private static void assertClose(DMatrixRMaj expected, MatrixView actual) {
    assertArrayEquals(expected.getData(), ejml(actual).getData(), 1e-12);
  }
}
