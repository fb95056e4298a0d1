package org.rnnlab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link Dense} with the JDK's Vector API (SIMD registers of the widest width the
 * CPU has: 8 doubles with AVX-512, 4 with AVX2). Loaded only when the {@code jdk.incubator.vector}
 * module is present ({@code --add-modules jdk.incubator.vector}, which {@code ./run} passes).
 *
 * <p>Why not plain loops: C2 on JDK 17 vectorizes {@code c[x + j] += s * b[y + j]} only when it
 * can rule out that c and b are the same array at another offset, which it cannot for views into
 * shared arrays; those loops ran at about 3 GMAC/s, these at about 11 (50×50 by 50×32).
 *
 * <p>The kernel keeps a 4-row by 4-vector block of the output in registers while it runs over the
 * inner dimension, so each loaded vector of b feeds four multiply-adds (2-row blocks for what is
 * left). Sums are taken in a fixed
 * order, so results are reproducible on a machine, though not equal to the scalar loops' in the
 * last bits.
 */
final class VectorDense {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorDense() {}

  /** The vector width in doubles. */
  static int lanes() {
    return L;
  }

  /**
   * c (m×n) += A·b where A(i, p) = a[ao + i·ais + p·aps] (so A = a with ais = k, aps = 1, and
   * A = aᵀ with ais = 1, aps = m), b is k×n at bo and c is m×n at co, both row-major.
   */
  static void multAdd(double[] a, int ao, int ais, int aps, double[] b, int bo, double[] c, int co,
      int m, int k, int n) {
    // The inner dimension in blocks whose rows of b stay in the L1 cache (16 KB) while every block
    // of 4 rows of c runs over them; each element still sums over p in ascending order.
    final int block = Math.max(8, 2048 / n);
    final int rows4 = m - m % 4;
    for (int p0 = 0; p0 < k; p0 += block) {
      final int kb = Math.min(block, k - p0);
      for (int r = 0; r < rows4; r += 4) {
        multAdd4(a, ao + r * ais + p0 * aps, ais, aps, b, bo + p0 * n, c, co + r * n, kb, n);
      }
    }
    int i = rows4;
    for (; i + 1 < m; i += 2) {
      final int c0 = co + i * n, c1 = c0 + n, a0 = ao + i * ais, a1 = a0 + ais;
      int j = 0;
      for (; j + 2 * L <= n; j += 2 * L) {
        DoubleVector x00 = DoubleVector.fromArray(S, c, c0 + j), x01 = DoubleVector.fromArray(S, c, c0 + j + L);
        DoubleVector x10 = DoubleVector.fromArray(S, c, c1 + j), x11 = DoubleVector.fromArray(S, c, c1 + j + L);
        for (int p = 0; p < k; p++) {
          final int bp = bo + p * n + j;
          DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
          DoubleVector s0 = DoubleVector.broadcast(S, a[a0 + p * aps]), s1 = DoubleVector.broadcast(S, a[a1 + p * aps]);
          x00 = b0.fma(s0, x00);
          x01 = b1.fma(s0, x01);
          x10 = b0.fma(s1, x10);
          x11 = b1.fma(s1, x11);
        }
        x00.intoArray(c, c0 + j);
        x01.intoArray(c, c0 + j + L);
        x10.intoArray(c, c1 + j);
        x11.intoArray(c, c1 + j + L);
      }
      for (; j + L <= n; j += L) {
        DoubleVector x0 = DoubleVector.fromArray(S, c, c0 + j), x1 = DoubleVector.fromArray(S, c, c1 + j);
        for (int p = 0; p < k; p++) {
          DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * n + j);
          x0 = bv.fma(DoubleVector.broadcast(S, a[a0 + p * aps]), x0);
          x1 = bv.fma(DoubleVector.broadcast(S, a[a1 + p * aps]), x1);
        }
        x0.intoArray(c, c0 + j);
        x1.intoArray(c, c1 + j);
      }
      for (; j < n; j++) {
        double s0 = c[c0 + j], s1 = c[c1 + j];
        for (int p = 0; p < k; p++) {
          double bv = b[bo + p * n + j];
          s0 += a[a0 + p * aps] * bv;
          s1 += a[a1 + p * aps] * bv;
        }
        c[c0 + j] = s0;
        c[c1 + j] = s1;
      }
    }
    if (i < m) {
      final int c0 = co + i * n, a0 = ao + i * ais;
      int j = 0;
      for (; j + L <= n; j += L) {
        DoubleVector x0 = DoubleVector.fromArray(S, c, c0 + j);
        for (int p = 0; p < k; p++) {
          x0 = DoubleVector.fromArray(S, b, bo + p * n + j).fma(DoubleVector.broadcast(S, a[a0 + p * aps]), x0);
        }
        x0.intoArray(c, c0 + j);
      }
      for (; j < n; j++) {
        double s0 = c[c0 + j];
        for (int p = 0; p < k; p++) {
          s0 += a[a0 + p * aps] * b[bo + p * n + j];
        }
        c[c0 + j] = s0;
      }
    }
  }

  /**
   * Rows i … i + 3 of {@link #multAdd} (a0: the first row of A, c0: of c): a 4-row by 4-vector
   * block of c in sixteen registers, so that each vector of b loaded feeds four multiply-adds and
   * each broadcast of A four. Every element gets the same operations in the same order as in the
   * 2-row kernel (fused multiply-adds over p in the vector columns, multiply then add in the
   * scalar tail), so the results are the same to the bit.
   */
  private static void multAdd4(double[] a, int a0, int ais, int aps, double[] b, int bo, double[] c, int c0, int k,
      int n) {
    final int a1 = a0 + ais, a2 = a1 + ais, a3 = a2 + ais;
    final int c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    int j = 0;
    for (; j + 4 * L <= n; j += 4 * L) {
      DoubleVector x00 = DoubleVector.fromArray(S, c, c0 + j), x01 = DoubleVector.fromArray(S, c, c0 + j + L);
      DoubleVector x02 = DoubleVector.fromArray(S, c, c0 + j + 2 * L), x03 = DoubleVector.fromArray(S, c, c0 + j + 3 * L);
      DoubleVector x10 = DoubleVector.fromArray(S, c, c1 + j), x11 = DoubleVector.fromArray(S, c, c1 + j + L);
      DoubleVector x12 = DoubleVector.fromArray(S, c, c1 + j + 2 * L), x13 = DoubleVector.fromArray(S, c, c1 + j + 3 * L);
      DoubleVector x20 = DoubleVector.fromArray(S, c, c2 + j), x21 = DoubleVector.fromArray(S, c, c2 + j + L);
      DoubleVector x22 = DoubleVector.fromArray(S, c, c2 + j + 2 * L), x23 = DoubleVector.fromArray(S, c, c2 + j + 3 * L);
      DoubleVector x30 = DoubleVector.fromArray(S, c, c3 + j), x31 = DoubleVector.fromArray(S, c, c3 + j + L);
      DoubleVector x32 = DoubleVector.fromArray(S, c, c3 + j + 2 * L), x33 = DoubleVector.fromArray(S, c, c3 + j + 3 * L);
      for (int p = 0; p < k; p++) {
        final int bp = bo + p * n + j, ap = p * aps;
        DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
        DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L), b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
        DoubleVector s = DoubleVector.broadcast(S, a[a0 + ap]);
        x00 = b0.fma(s, x00);
        x01 = b1.fma(s, x01);
        x02 = b2.fma(s, x02);
        x03 = b3.fma(s, x03);
        s = DoubleVector.broadcast(S, a[a1 + ap]);
        x10 = b0.fma(s, x10);
        x11 = b1.fma(s, x11);
        x12 = b2.fma(s, x12);
        x13 = b3.fma(s, x13);
        s = DoubleVector.broadcast(S, a[a2 + ap]);
        x20 = b0.fma(s, x20);
        x21 = b1.fma(s, x21);
        x22 = b2.fma(s, x22);
        x23 = b3.fma(s, x23);
        s = DoubleVector.broadcast(S, a[a3 + ap]);
        x30 = b0.fma(s, x30);
        x31 = b1.fma(s, x31);
        x32 = b2.fma(s, x32);
        x33 = b3.fma(s, x33);
      }
      x00.intoArray(c, c0 + j);
      x01.intoArray(c, c0 + j + L);
      x02.intoArray(c, c0 + j + 2 * L);
      x03.intoArray(c, c0 + j + 3 * L);
      x10.intoArray(c, c1 + j);
      x11.intoArray(c, c1 + j + L);
      x12.intoArray(c, c1 + j + 2 * L);
      x13.intoArray(c, c1 + j + 3 * L);
      x20.intoArray(c, c2 + j);
      x21.intoArray(c, c2 + j + L);
      x22.intoArray(c, c2 + j + 2 * L);
      x23.intoArray(c, c2 + j + 3 * L);
      x30.intoArray(c, c3 + j);
      x31.intoArray(c, c3 + j + L);
      x32.intoArray(c, c3 + j + 2 * L);
      x33.intoArray(c, c3 + j + 3 * L);
    }
    for (; j + 2 * L <= n; j += 2 * L) { // a 4-row by 2-vector block: a narrow batch (slices of 8 or 16)
      DoubleVector x00 = DoubleVector.fromArray(S, c, c0 + j), x01 = DoubleVector.fromArray(S, c, c0 + j + L);
      DoubleVector x10 = DoubleVector.fromArray(S, c, c1 + j), x11 = DoubleVector.fromArray(S, c, c1 + j + L);
      DoubleVector x20 = DoubleVector.fromArray(S, c, c2 + j), x21 = DoubleVector.fromArray(S, c, c2 + j + L);
      DoubleVector x30 = DoubleVector.fromArray(S, c, c3 + j), x31 = DoubleVector.fromArray(S, c, c3 + j + L);
      for (int p = 0; p < k; p++) {
        final int bp = bo + p * n + j, ap = p * aps;
        DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
        DoubleVector s = DoubleVector.broadcast(S, a[a0 + ap]);
        x00 = b0.fma(s, x00);
        x01 = b1.fma(s, x01);
        s = DoubleVector.broadcast(S, a[a1 + ap]);
        x10 = b0.fma(s, x10);
        x11 = b1.fma(s, x11);
        s = DoubleVector.broadcast(S, a[a2 + ap]);
        x20 = b0.fma(s, x20);
        x21 = b1.fma(s, x21);
        s = DoubleVector.broadcast(S, a[a3 + ap]);
        x30 = b0.fma(s, x30);
        x31 = b1.fma(s, x31);
      }
      x00.intoArray(c, c0 + j);
      x01.intoArray(c, c0 + j + L);
      x10.intoArray(c, c1 + j);
      x11.intoArray(c, c1 + j + L);
      x20.intoArray(c, c2 + j);
      x21.intoArray(c, c2 + j + L);
      x30.intoArray(c, c3 + j);
      x31.intoArray(c, c3 + j + L);
    }
    for (; j + L <= n; j += L) {
      DoubleVector x0 = DoubleVector.fromArray(S, c, c0 + j), x1 = DoubleVector.fromArray(S, c, c1 + j);
      DoubleVector x2 = DoubleVector.fromArray(S, c, c2 + j), x3 = DoubleVector.fromArray(S, c, c3 + j);
      for (int p = 0; p < k; p++) {
        final int ap = p * aps;
        DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * n + j);
        x0 = bv.fma(DoubleVector.broadcast(S, a[a0 + ap]), x0);
        x1 = bv.fma(DoubleVector.broadcast(S, a[a1 + ap]), x1);
        x2 = bv.fma(DoubleVector.broadcast(S, a[a2 + ap]), x2);
        x3 = bv.fma(DoubleVector.broadcast(S, a[a3 + ap]), x3);
      }
      x0.intoArray(c, c0 + j);
      x1.intoArray(c, c1 + j);
      x2.intoArray(c, c2 + j);
      x3.intoArray(c, c3 + j);
    }
    for (; j < n; j++) {
      double s0 = c[c0 + j], s1 = c[c1 + j], s2 = c[c2 + j], s3 = c[c3 + j];
      for (int p = 0; p < k; p++) {
        final int ap = p * aps;
        double bv = b[bo + p * n + j];
        s0 += a[a0 + ap] * bv;
        s1 += a[a1 + ap] * bv;
        s2 += a[a2 + ap] * bv;
        s3 += a[a3 + ap] * bv;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
      c[c2 + j] = s2;
      c[c3 + j] = s3;
    }
  }

  /** c[i] += Σ_p a[ao + i·k + p] · b[bo + p] for i < m: matrix times vector, rows of a contiguous. */
  static void matVec(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k) {
    final int kv = S.loopBound(k);
    final double[] lanes = LANES.get(); // room for 4 vectors of partial sums
    int i = 0;
    for (; i + 3 < m; i += 4) {
      final int a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
      DoubleVector s0 = DoubleVector.zero(S), s1 = DoubleVector.zero(S), s2 = DoubleVector.zero(S), s3 = DoubleVector.zero(S);
      int p = 0;
      for (; p < kv; p += L) {
        DoubleVector bv = DoubleVector.fromArray(S, b, bo + p);
        s0 = DoubleVector.fromArray(S, a, a0 + p).fma(bv, s0);
        s1 = DoubleVector.fromArray(S, a, a1 + p).fma(bv, s1);
        s2 = DoubleVector.fromArray(S, a, a2 + p).fma(bv, s2);
        s3 = DoubleVector.fromArray(S, a, a3 + p).fma(bv, s3);
      }
      s0.intoArray(lanes, 0);
      s1.intoArray(lanes, L);
      s2.intoArray(lanes, 2 * L);
      s3.intoArray(lanes, 3 * L);
      double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (int l = 0; l < L; l++) { // the lanes in lane order (see sumOfLanes)
        t0 += lanes[l];
        t1 += lanes[L + l];
        t2 += lanes[2 * L + l];
        t3 += lanes[3 * L + l];
      }
      for (; p < k; p++) {
        double bp = b[bo + p];
        t0 += a[a0 + p] * bp;
        t1 += a[a1 + p] * bp;
        t2 += a[a2 + p] * bp;
        t3 += a[a3 + p] * bp;
      }
      c[co + i] += t0;
      c[co + i + 1] += t1;
      c[co + i + 2] += t2;
      c[co + i + 3] += t3;
    }
    for (; i < m; i++) {
      final int a0 = ao + i * k;
      DoubleVector s0 = DoubleVector.zero(S);
      int p = 0;
      for (; p < kv; p += L) {
        s0 = DoubleVector.fromArray(S, a, a0 + p).fma(DoubleVector.fromArray(S, b, bo + p), s0);
      }
      s0.intoArray(lanes, 0);
      double t0 = sumOfLanes(lanes);
      for (; p < k; p++) {
        t0 += a[a0 + p] * b[bo + p];
      }
      c[co + i] += t0;
    }
  }

  /**
   * The sum of lanes[0 … L), added in lane order: a vector's lanes after {@code intoArray}. Not
   * {@code reduceLanes(ADD)}: its order is unspecified and differs between the interpreted and the
   * compiled Vector API, which would make two runs of the same seed differ in the last bits
   * depending on when the JIT compiled what. The vector is stored by the caller, never passed here:
   * a vector passed to a method C2 does not inline is boxed, an allocation on every call (matVec's
   * last rows at H = 256 allocated 3.5 KB per sequence that way).
   */
  private static double sumOfLanes(double[] lanes) {
    double s = 0;
    for (int l = 0; l < L; l++) {
      s += lanes[l];
    }
    return s;
  }

  private static final ThreadLocal<double[]> LANES = ThreadLocal.withInitial(() -> new double[4 * L]);

  /** Σ x[i]² for from ≤ i &lt; to. */
  static double sumOfSquares(double[] x, int from, int to) {
    DoubleVector s0 = DoubleVector.zero(S), s1 = DoubleVector.zero(S);
    int i = from;
    for (; i + 2 * L <= to; i += 2 * L) {
      DoubleVector v0 = DoubleVector.fromArray(S, x, i), v1 = DoubleVector.fromArray(S, x, i + L);
      s0 = v0.fma(v0, s0);
      s1 = v1.fma(v1, s1);
    }
    final double[] lanes = LANES.get();
    s0.add(s1).intoArray(lanes, 0);
    double total = sumOfLanes(lanes);
    for (; i < to; i++) {
      total += x[i] * x[i];
    }
    return total;
  }

  /** y[yo + j] += s · x[xo + j] for j < n. */
  static void axpy(double s, double[] x, int xo, double[] y, int yo, int n) {
    final int nv = S.loopBound(n);
    final DoubleVector sv = DoubleVector.broadcast(S, s);
    int j = 0;
    for (; j < nv; j += L) {
      DoubleVector.fromArray(S, x, xo + j).fma(sv, DoubleVector.fromArray(S, y, yo + j)).intoArray(y, yo + j);
    }
    for (; j < n; j++) {
      y[yo + j] += s * x[xo + j];
    }
  }

  /**
   * c[j] += Σ_i b[i]·A[i, j] for j &lt; k (A: m×k at ao, rows contiguous): Aᵀ times a vector, four
   * rows of A per pass so that each vector of c is loaded and stored once for four. Each element
   * gets exactly the operations of one {@link #axpy} per row, in row order.
   */
  static void transposedMatVec(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k) {
    final int kv = S.loopBound(k);
    int i = 0;
    for (; i + 3 < m; i += 4) {
      final double s0 = b[bo + i], s1 = b[bo + i + 1], s2 = b[bo + i + 2], s3 = b[bo + i + 3];
      final DoubleVector v0 = DoubleVector.broadcast(S, s0), v1 = DoubleVector.broadcast(S, s1);
      final DoubleVector v2 = DoubleVector.broadcast(S, s2), v3 = DoubleVector.broadcast(S, s3);
      final int a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
      int j = 0;
      for (; j < kv; j += L) {
        DoubleVector x = DoubleVector.fromArray(S, c, co + j);
        x = DoubleVector.fromArray(S, a, a0 + j).fma(v0, x);
        x = DoubleVector.fromArray(S, a, a1 + j).fma(v1, x);
        x = DoubleVector.fromArray(S, a, a2 + j).fma(v2, x);
        x = DoubleVector.fromArray(S, a, a3 + j).fma(v3, x);
        x.intoArray(c, co + j);
      }
      for (; j < k; j++) {
        double x = c[co + j];
        x += s0 * a[a0 + j];
        x += s1 * a[a1 + j];
        x += s2 * a[a2 + j];
        x += s3 * a[a3 + j];
        c[co + j] = x;
      }
    }
    for (; i < m; i++) {
      axpy(b[bo + i], a, ao + i * k, c, co, k);
    }
  }

  /**
   * For each row i of U (m×k, rows contiguous): dU[i, :] += da[i]·h and dh += da[i]·U[i, :], in one
   * pass over the rows: the backward of a recurrent product at batch 1. Each element gets exactly
   * the operations of two {@link #axpy} calls per row, so the results are those of {@code
   * multAddTransB} and {@code multAddTransA} to the bit.
   */
  static void outerAndTransposed(double[] u, int uo, double[] da, int dao, double[] h, int ho, double[] du, int duo,
      double[] dh, int dho, int m, int k) {
    final int kv = S.loopBound(k);
    for (int i = 0; i < m; i++) {
      final double s = da[dao + i];
      final DoubleVector sv = DoubleVector.broadcast(S, s);
      final int ur = uo + i * k, dur = duo + i * k;
      int j = 0;
      for (; j < kv; j += L) {
        DoubleVector.fromArray(S, h, ho + j).fma(sv, DoubleVector.fromArray(S, du, dur + j)).intoArray(du, dur + j);
        DoubleVector.fromArray(S, u, ur + j).fma(sv, DoubleVector.fromArray(S, dh, dho + j)).intoArray(dh, dho + j);
      }
      for (; j < k; j++) {
        du[dur + j] += s * h[ho + j];
        dh[dho + j] += s * u[ur + j];
      }
    }
  }

  // tanh and σ from additions, multiplications and bit operations only, so that they give the same
  // bits whether the Vector API runs compiled or interpreted (its own EXP does not: compiled, it
  // calls Intel's SVML; interpreted, Math.exp). And fast: conversions, masks and blends are slow in
  // JDK 17's Vector API, so the sign is carried in the bits and the argument of e^a stays in
  // [−40, 0] through one min().
  //
  //   tanh(x) = sign(x) · (1 − t) / (1 + t),  t = e^{−2|x|}, |x| capped at 20 (tanh(20) rounds to 1)
  //   σ(x)    = (1 + tanh(x/2)) / 2
  //   e^a     = 2^k · e^r,  a = k·ln 2 + r, |r| ≤ ln 2 / 2 (Cody & Waite 1980), e^r by its Taylor
  //             series to r^13/13! (truncation below 4e-18), 2^k written into the exponent bits.
  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 0.6931471803691238; // ln 2 to 32 bits: k·LN2_HI is exact
  private static final double LN2_LO = 1.9082149292705877e-10;
  private static final double ROUND = 6755399441055744.0; // 1.5·2^52: a + ROUND − ROUND rounds a to an integer
  private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
  private static final long SIGN = 0x8000000000000000L;
  private static final long MAGNITUDE = 0x7FFFFFFFFFFFFFFFL;
  private static final double CAP = 20;
  private static final double[] TAYLOR = new double[14]; // 1/n! for n = 0 … 13

  static {
    double f = 1;
    for (int n = 0; n < TAYLOR.length; n++) {
      if (n > 0) {
        f *= n;
      }
      TAYLOR[n] = 1 / f;
    }
  }

  /** x[i] ← tanh(x[i]) for from ≤ i &lt; to. */
  static void tanh(double[] x, int from, int to) {
    int i = from;
    for (; i + L <= to; i += L) {
      tanh(DoubleVector.fromArray(S, x, i)).intoArray(x, i);
    }
    for (; i < to; i++) {
      x[i] = tanh(x[i]);
    }
  }

  /** x[i] ← σ(x[i]) for from ≤ i &lt; to. */
  static void sigmoid(double[] x, int from, int to) {
    int i = from;
    for (; i + L <= to; i += L) {
      DoubleVector t = tanh(DoubleVector.fromArray(S, x, i).mul(0.5));
      t.add(1).mul(0.5).intoArray(x, i);
    }
    for (; i < to; i++) {
      x[i] = (1 + tanh(x[i] * 0.5)) * 0.5;
    }
  }

  static DoubleVector tanh(DoubleVector x) {
    LongVector bits = x.reinterpretAsLongs();
    DoubleVector magnitude = bits.and(MAGNITUDE).reinterpretAsDoubles().min(CAP);
    DoubleVector t = expOfNonPositive(magnitude.mul(-2));
    DoubleVector one = DoubleVector.broadcast(S, 1);
    DoubleVector result = one.sub(t).div(one.add(t));
    return result.reinterpretAsLongs().or(bits.and(SIGN)).reinterpretAsDoubles();
  }

  /** e^a for a in [−2·CAP, 0]. */
  private static DoubleVector expOfNonPositive(DoubleVector a) {
    DoubleVector shifted = a.mul(LOG2E).add(ROUND);
    DoubleVector k = shifted.sub(ROUND);
    DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), a).sub(k.mul(LN2_LO));
    DoubleVector p = DoubleVector.broadcast(S, TAYLOR[13]);
    for (int n = 12; n >= 0; n--) {
      p = p.fma(r, DoubleVector.broadcast(S, TAYLOR[n]));
    }
    LongVector exponent = shifted.reinterpretAsLongs().sub(ROUND_BITS - 1023); // k + 1023
    return p.mul(exponent.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
  }

  /** The same tanh for one value (the elements after the last full vector). */
  static double tanh(double x) {
    long bits = Double.doubleToRawLongBits(x);
    double magnitude = Math.min(Double.longBitsToDouble(bits & MAGNITUDE), CAP);
    double t = expOfNonPositive(-2 * magnitude);
    double result = (1 - t) / (1 + t);
    return Double.longBitsToDouble(Double.doubleToRawLongBits(result) | (bits & SIGN));
  }

  private static double expOfNonPositive(double a) {
    double shifted = a * LOG2E + ROUND;
    double k = shifted - ROUND;
    double r = Math.fma(-k, LN2_HI, a) - k * LN2_LO;
    double p = TAYLOR[13];
    for (int n = 12; n >= 0; n--) {
      p = Math.fma(p, r, TAYLOR[n]);
    }
    return p * Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) - (ROUND_BITS - 1023)) << 52);
  }
}
