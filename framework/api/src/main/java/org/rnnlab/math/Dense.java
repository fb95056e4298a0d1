package org.rnnlab.math;

/**
 * The dense products the network needs, over {@link MatrixView}s, named as in EJML's
 * {@code CommonOps_DDRM}: {@code mult} writes, {@code multAdd} accumulates, {@code TransA}/{@code
 * TransB} use the transpose of the first/second operand.
 *
 * <p>The output is always the last argument and is the only one modified; it must not share
 * elements with an input. With the Vector API present the products run in {@link VectorDense};
 * otherwise in plain loops ordered so the innermost one runs along a contiguous row, with four
 * independent accumulators where the shape only allows a dot product. Large vector products split
 * their rows over the threads of {@link ParallelRows} (the same results to the bit) when a batch is
 * not cut into slices that run on those threads ({@link org.rnnlab.nn.BatchSlices}); allocation-free
 * (a per-thread scratch buffer grows once).
 */
public final class Dense {
  /**
   * True when the products run on the Vector API ({@link VectorDense}): the module {@code
   * jdk.incubator.vector} is present and {@code -Drnnlab.scalar=true} was not given.
   */
  private static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && !Boolean.getBoolean("rnnlab.scalar");

  private Dense() {}

  /** True when the Vector API kernels run (for {@link Activations}). */
  static boolean vector() {
    return VECTOR;
  }

  /** "vector (8 doubles)" or "scalar": which kernels this JVM runs, for provenance and benchmarks. */
  public static String kernels() {
    return VECTOR ? "vector (" + VectorDense.lanes() + " doubles)" : "scalar";
  }

  /** c = a·b. a: m×k, b: k×n, c: m×n (modified). */
  public static void mult(MatrixView a, MatrixView b, MatrixView c) {
    c.fill(0);
    multAdd(a, b, c);
  }

  /** c += a·b. a: m×k, b: k×n, c: m×n (modified). */
  public static void multAdd(MatrixView a, MatrixView b, MatrixView c) {
    checkShapes(a.rows, a.cols, b.rows, b.cols, c, "multAdd");
    if (VECTOR && b.cols >= VectorDense.lanes()) {
      ParallelRows.multAdd(a.data, a.offset, a.cols, 1, b.data, b.offset, c.data, c.offset, a.rows, a.cols, b.cols);
    } else if (VECTOR && b.cols == 1) {
      VectorDense.matVec(a.data, a.offset, b.data, b.offset, c.data, c.offset, a.rows, a.cols);
    } else {
      scalarMultAdd(a, b, c);
    }
  }

  static void scalarMultAdd(MatrixView a, MatrixView b, MatrixView c) {
    final int m = a.rows, k = a.cols, n = b.cols;
    final double[] ad = a.data, bd = b.data, cd = c.data;
    if (n == 1) {
      for (int i = 0; i < m; i++) {
        cd[c.offset + i] += dot(ad, a.offset + i * k, bd, b.offset, k);
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      final int cRow = c.offset + i * n;
      final int aRow = a.offset + i * k;
      for (int p = 0; p < k; p++) {
        final double aip = ad[aRow + p];
        final int bRow = b.offset + p * n;
        for (int j = 0; j < n; j++) {
          cd[cRow + j] += aip * bd[bRow + j];
        }
      }
    }
  }

  /** c += aᵀ·b. a: k×m, b: k×n, c: m×n (modified). */
  public static void multAddTransA(MatrixView a, MatrixView b, MatrixView c) {
    checkShapes(a.cols, a.rows, b.rows, b.cols, c, "multAddTransA");
    if (VECTOR && b.cols >= VectorDense.lanes()) {
      ParallelRows.multAdd(a.data, a.offset, 1, a.cols, b.data, b.offset, c.data, c.offset, a.cols, a.rows, b.cols);
    } else if (VECTOR && b.cols == 1) { // c += Σ_p b[p] · a[p, :]ᵀ
      VectorDense.transposedMatVec(a.data, a.offset, b.data, b.offset, c.data, c.offset, a.rows, a.cols);
    } else {
      scalarMultAddTransA(a, b, c);
    }
  }

  static void scalarMultAddTransA(MatrixView a, MatrixView b, MatrixView c) {
    final int k = a.rows, m = a.cols, n = b.cols;
    final double[] ad = a.data, bd = b.data, cd = c.data;
    if (n == 1) {
      // c (m×1) += Σ_p b[p] · a[p, :]ᵀ : a contiguous axpy per row of a.
      for (int p = 0; p < k; p++) {
        final double bp = bd[b.offset + p];
        final int aRow = a.offset + p * m;
        for (int i = 0; i < m; i++) {
          cd[c.offset + i] += bp * ad[aRow + i];
        }
      }
      return;
    }
    for (int p = 0; p < k; p++) {
      final int aRow = a.offset + p * m;
      final int bRow = b.offset + p * n;
      for (int i = 0; i < m; i++) {
        final double api = ad[aRow + i];
        final int cRow = c.offset + i * n;
        for (int j = 0; j < n; j++) {
          cd[cRow + j] += api * bd[bRow + j];
        }
      }
    }
  }

  /**
   * dU += da·hᵀ and dh += Uᵀ·da at batch 1 (U, dU: m×k; da: m×1; h, dh: k×1; dU and dh modified): the
   * backward of a recurrent product in one pass over the rows of U, the same to the bit as {@link
   * #multAddTransB}{@code (da, h, dU)} followed by {@link #multAddTransA}{@code (U, da, dh)}.
   */
  public static void outerAndTransposed(MatrixView u, MatrixView da, MatrixView h, MatrixView dU, MatrixView dh) {
    checkShapes(da.rows, da.cols, h.cols, h.rows, dU, "outerAndTransposed");
    checkShapes(u.cols, u.rows, da.rows, da.cols, dh, "outerAndTransposed");
    if (VECTOR && da.cols == 1) {
      VectorDense.outerAndTransposed(u.data, u.offset, da.data, da.offset, h.data, h.offset, dU.data, dU.offset, dh.data,
          dh.offset, u.rows, u.cols);
    } else {
      multAddTransB(da, h, dU);
      multAddTransA(u, da, dh);
    }
  }

  /**
   * c += a·bᵀ. a: m×k, b: n×k, c: m×n (modified).
   *
   * <p>Written directly, every element of c is a dot product along k, which the JIT does not
   * vectorize. So b is first transposed into a per-thread scratch buffer (k×n, n·k copies) and the
   * product runs as axpys along n: for k = 32 and m = n = 50 this is several times faster.
   */
  public static void multAddTransB(MatrixView a, MatrixView b, MatrixView c) {
    checkShapes(a.rows, a.cols, b.cols, b.rows, c, "multAddTransB");
    final int m = a.rows, k = a.cols, n = b.rows;
    final double[] ad = a.data, bd = b.data, cd = c.data;
    if (k == 1) {
      // Outer product: c[i, :] += a[i] · bᵀ, a contiguous axpy per row of c.
      for (int i = 0; i < m; i++) {
        final double ai = ad[a.offset + i];
        final int cRow = c.offset + i * n;
        if (VECTOR) {
          VectorDense.axpy(ai, bd, b.offset, cd, cRow, n);
        } else {
          for (int j = 0; j < n; j++) {
            cd[cRow + j] += ai * bd[b.offset + j];
          }
        }
      }
      return;
    }
    final double[] bt = scratch(k * n);
    for (int j = 0; j < n; j++) {
      final int bRow = b.offset + j * k;
      for (int p = 0; p < k; p++) {
        bt[p * n + j] = bd[bRow + p];
      }
    }
    if (VECTOR && n >= VectorDense.lanes()) {
      ParallelRows.multAdd(ad, a.offset, k, 1, bt, 0, cd, c.offset, m, k, n);
      return;
    }
    for (int i = 0; i < m; i++) {
      final int aRow = a.offset + i * k;
      final int cRow = c.offset + i * n;
      for (int p = 0; p < k; p++) {
        final double aip = ad[aRow + p];
        final int btRow = p * n;
        for (int j = 0; j < n; j++) {
          cd[cRow + j] += aip * bt[btRow + j];
        }
      }
    }
  }

  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

  /** A per-thread buffer of at least {@code size} doubles (grown once, then reused). */
  private static double[] scratch(int size) {
    double[][] holder = SCRATCH.get();
    if (holder[0].length < size) {
      holder[0] = new double[size];
    }
    return holder[0];
  }

  /** c[:, j] += v for every column j. v: m×1 (e.g. a bias), c: m×n (modified). */
  public static void addToColumns(MatrixView v, MatrixView c) {
    if (v.cols != 1 || v.rows != c.rows) {
      throw new IllegalArgumentException("addToColumns: v must be " + c.rows + "×1, is " + v.rows + "×" + v.cols);
    }
    final int m = c.rows, n = c.cols;
    if (VECTOR && n == 1) {
      VectorDense.axpy(1, v.data, v.offset, c.data, c.offset, m);
      return;
    }
    for (int i = 0; i < m; i++) {
      final double vi = v.data[v.offset + i];
      final int cRow = c.offset + i * n;
      for (int j = 0; j < n; j++) {
        c.data[cRow + j] += vi;
      }
    }
  }

  /** v += Σ_j c[:, j], the bias gradient of {@link #addToColumns}. c: m×n, v: m×1 (modified). */
  public static void addColumnSums(MatrixView c, MatrixView v) {
    if (v.cols != 1 || v.rows != c.rows) {
      throw new IllegalArgumentException("addColumnSums: v must be " + c.rows + "×1, is " + v.rows + "×" + v.cols);
    }
    final int m = c.rows, n = c.cols;
    if (VECTOR && n == 1) {
      VectorDense.axpy(1, c.data, c.offset, v.data, v.offset, m);
      return;
    }
    for (int i = 0; i < m; i++) {
      v.data[v.offset + i] += sum(c.data, c.offset + i * n, n);
    }
  }

  /** Σ of squares of x[from … to). */
  public static double sumOfSquares(double[] x, int from, int to) {
    if (VECTOR) {
      return VectorDense.sumOfSquares(x, from, to);
    }
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += x[i] * x[i];
      s1 += x[i + 1] * x[i + 1];
      s2 += x[i + 2] * x[i + 2];
      s3 += x[i + 3] * x[i + 3];
    }
    for (; i < to; i++) {
      s0 += x[i] * x[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Σ_p x[xFrom + p] · y[yFrom + p] for p < length, with four accumulators (the JIT does not
   * reorder floating-point sums, so one accumulator would serialize on the add latency).
   */
  static double dot(double[] x, int xFrom, double[] y, int yFrom, int length) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int p = 0;
    for (; p + 3 < length; p += 4) {
      s0 += x[xFrom + p] * y[yFrom + p];
      s1 += x[xFrom + p + 1] * y[yFrom + p + 1];
      s2 += x[xFrom + p + 2] * y[yFrom + p + 2];
      s3 += x[xFrom + p + 3] * y[yFrom + p + 3];
    }
    for (; p < length; p++) {
      s0 += x[xFrom + p] * y[yFrom + p];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ_p x[from + p] for p < length, with four accumulators. */
  static double sum(double[] x, int from, int length) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int p = 0;
    for (; p + 3 < length; p += 4) {
      s0 += x[from + p];
      s1 += x[from + p + 1];
      s2 += x[from + p + 2];
      s3 += x[from + p + 3];
    }
    for (; p < length; p++) {
      s0 += x[from + p];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void checkShapes(int m, int k, int kb, int n, MatrixView c, String op) {
    if (k != kb || c.rows != m || c.cols != n) {
      throw new IllegalArgumentException(
          op + ": inner sizes " + k + " and " + kb + ", output " + c.rows + "×" + c.cols + " for " + m + "×" + n);
    }
  }
}
