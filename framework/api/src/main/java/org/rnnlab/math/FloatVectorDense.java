package org.rnnlab.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatDense}'s product with the Vector API: 8 floats per register with AVX2, 16 with
 * AVX-512. Loaded only when the {@code jdk.incubator.vector} module is present.
 *
 * <p>The kernel keeps a 4-row by 2-vector block of c in registers while it runs over the inner
 * dimension (so each vector of b loaded feeds four multiply-adds); a batch of one column is a
 * matrix–vector product, by rows of A (dot products) or by columns (multiply-adds along c).
 */
final class FloatVectorDense {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[4 * L]);

  private FloatVectorDense() {}

  static int lanes() {
    return L;
  }

  /** As {@link FloatDense#multAdd}, for n ≥ L. */
  static void multAdd(float[] a, int ao, int ais, int aps, float[] b, int bo, float[] c, int co, int m, int k, int n) {
    // The inner dimension in blocks whose rows of b stay in the L1 cache while every 4 rows of c run
    // over them; each element still sums over p in ascending order.
    final int block = Math.max(8, 4096 / n);
    final int rows4 = m - m % 4;
    for (int p0 = 0; p0 < k; p0 += block) {
      final int kb = Math.min(block, k - p0);
      for (int r = 0; r < rows4; r += 4) {
        multAdd4(a, ao + r * ais + p0 * aps, ais, aps, b, bo + p0 * n, c, co + r * n, kb, n);
      }
    }
    for (int i = rows4; i < m; i++) {
      final int c0 = co + i * n, a0 = ao + i * ais;
      int j = 0;
      for (; j + L <= n; j += L) {
        FloatVector x = FloatVector.fromArray(S, c, c0 + j);
        for (int p = 0; p < k; p++) {
          x = FloatVector.fromArray(S, b, bo + p * n + j).fma(FloatVector.broadcast(S, a[a0 + p * aps]), x);
        }
        x.intoArray(c, c0 + j);
      }
      for (; j < n; j++) {
        float s = c[c0 + j];
        for (int p = 0; p < k; p++) {
          s += a[a0 + p * aps] * b[bo + p * n + j];
        }
        c[c0 + j] = s;
      }
    }
  }

  /** Rows 0 … 3 of c at c0 (A's from a0) over k values of p. */
  private static void multAdd4(float[] a, int a0, int ais, int aps, float[] b, int bo, float[] c, int c0, int k, int n) {
    final int a1 = a0 + ais, a2 = a1 + ais, a3 = a2 + ais;
    final int c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    int j = 0;
    for (; j + 2 * L <= n; j += 2 * L) {
      FloatVector x00 = FloatVector.fromArray(S, c, c0 + j), x01 = FloatVector.fromArray(S, c, c0 + j + L);
      FloatVector x10 = FloatVector.fromArray(S, c, c1 + j), x11 = FloatVector.fromArray(S, c, c1 + j + L);
      FloatVector x20 = FloatVector.fromArray(S, c, c2 + j), x21 = FloatVector.fromArray(S, c, c2 + j + L);
      FloatVector x30 = FloatVector.fromArray(S, c, c3 + j), x31 = FloatVector.fromArray(S, c, c3 + j + L);
      for (int p = 0; p < k; p++) {
        final int bp = bo + p * n + j, ap = p * aps;
        FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
        FloatVector s = FloatVector.broadcast(S, a[a0 + ap]);
        x00 = b0.fma(s, x00);
        x01 = b1.fma(s, x01);
        s = FloatVector.broadcast(S, a[a1 + ap]);
        x10 = b0.fma(s, x10);
        x11 = b1.fma(s, x11);
        s = FloatVector.broadcast(S, a[a2 + ap]);
        x20 = b0.fma(s, x20);
        x21 = b1.fma(s, x21);
        s = FloatVector.broadcast(S, a[a3 + ap]);
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
      FloatVector x0 = FloatVector.fromArray(S, c, c0 + j), x1 = FloatVector.fromArray(S, c, c1 + j);
      FloatVector x2 = FloatVector.fromArray(S, c, c2 + j), x3 = FloatVector.fromArray(S, c, c3 + j);
      for (int p = 0; p < k; p++) {
        final int ap = p * aps;
        FloatVector bv = FloatVector.fromArray(S, b, bo + p * n + j);
        x0 = bv.fma(FloatVector.broadcast(S, a[a0 + ap]), x0);
        x1 = bv.fma(FloatVector.broadcast(S, a[a1 + ap]), x1);
        x2 = bv.fma(FloatVector.broadcast(S, a[a2 + ap]), x2);
        x3 = bv.fma(FloatVector.broadcast(S, a[a3 + ap]), x3);
      }
      x0.intoArray(c, c0 + j);
      x1.intoArray(c, c1 + j);
      x2.intoArray(c, c2 + j);
      x3.intoArray(c, c3 + j);
    }
    for (; j < n; j++) {
      float s0 = c[c0 + j], s1 = c[c1 + j], s2 = c[c2 + j], s3 = c[c3 + j];
      for (int p = 0; p < k; p++) {
        final int ap = p * aps;
        float bv = b[bo + p * n + j];
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

  /**
   * c[i] += Σ_p a[ao + i·ais + p]·b[bo + p] for i &lt; m: A times a vector by dot products along
   * A's rows, four rows at a time; each row's lanes are added in lane order (never {@code
   * reduceLanes}, whose order differs between the interpreted and the compiled Vector API).
   */
  static void matVec(float[] a, int ao, int ais, float[] b, int bo, float[] c, int co, int m, int k) {
    final int kv = S.loopBound(k);
    final float[] lanes = LANES.get();
    for (int i = 0; i < m; i += 4) {
      final int rows = Math.min(4, m - i);
      final int a0 = ao + i * ais, a1 = a0 + (rows > 1 ? ais : 0), a2 = a0 + (rows > 2 ? 2 * ais : 0);
      final int a3 = a0 + (rows > 3 ? 3 * ais : 0); // rows past m repeat row i, and are not stored
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
      int p = 0;
      for (; p < kv; p += L) {
        FloatVector bv = FloatVector.fromArray(S, b, bo + p);
        s0 = FloatVector.fromArray(S, a, a0 + p).fma(bv, s0);
        s1 = FloatVector.fromArray(S, a, a1 + p).fma(bv, s1);
        s2 = FloatVector.fromArray(S, a, a2 + p).fma(bv, s2);
        s3 = FloatVector.fromArray(S, a, a3 + p).fma(bv, s3);
      }
      s0.intoArray(lanes, 0);
      s1.intoArray(lanes, L);
      s2.intoArray(lanes, 2 * L);
      s3.intoArray(lanes, 3 * L);
      for (int r = 0; r < rows; r++) {
        final int ar = a0 + r * ais;
        float t = 0;
        for (int l = 0; l < L; l++) {
          t += lanes[r * L + l];
        }
        for (int q = p; q < k; q++) {
          t += a[ar + q] * b[bo + q];
        }
        c[co + i + r] += t;
      }
    }
  }

  /**
   * c[i] += Σ_p a[ao + i + p·aps]·b[bo + p] for i &lt; m: A times a vector where A's columns are
   * contiguous (Aᵀ of a row-major matrix), as multiply-adds along c, four values of p per pass so
   * that c is loaded and stored once for four.
   */
  static void transposedMatVec(float[] a, int ao, int aps, float[] b, int bo, float[] c, int co, int m, int k) {
    final int mv = S.loopBound(m);
    int p = 0;
    for (; p + 3 < k; p += 4) {
      final float s0 = b[bo + p], s1 = b[bo + p + 1], s2 = b[bo + p + 2], s3 = b[bo + p + 3];
      final FloatVector v0 = FloatVector.broadcast(S, s0), v1 = FloatVector.broadcast(S, s1);
      final FloatVector v2 = FloatVector.broadcast(S, s2), v3 = FloatVector.broadcast(S, s3);
      final int a0 = ao + p * aps, a1 = a0 + aps, a2 = a1 + aps, a3 = a2 + aps;
      int i = 0;
      for (; i < mv; i += L) {
        FloatVector x = FloatVector.fromArray(S, c, co + i);
        x = FloatVector.fromArray(S, a, a0 + i).fma(v0, x);
        x = FloatVector.fromArray(S, a, a1 + i).fma(v1, x);
        x = FloatVector.fromArray(S, a, a2 + i).fma(v2, x);
        x = FloatVector.fromArray(S, a, a3 + i).fma(v3, x);
        x.intoArray(c, co + i);
      }
      for (; i < m; i++) {
        float x = c[co + i];
        x += a[a0 + i] * s0;
        x += a[a1 + i] * s1;
        x += a[a2 + i] * s2;
        x += a[a3 + i] * s3;
        c[co + i] = x;
      }
    }
    for (; p < k; p++) {
      final float s = b[bo + p];
      final FloatVector v = FloatVector.broadcast(S, s);
      final int ap = ao + p * aps;
      int i = 0;
      for (; i < mv; i += L) {
        FloatVector.fromArray(S, a, ap + i).fma(v, FloatVector.fromArray(S, c, co + i)).intoArray(c, co + i);
      }
      for (; i < m; i++) {
        c[co + i] += a[ap + i] * s;
      }
    }
  }
}
