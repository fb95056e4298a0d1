package org.rnnlab.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The exponential exp(A) of an n×n matrix, its Fréchet derivative L(A, E) (the change of exp(A)
 * in the direction E), and the gradient that BPTT needs from it: given G = dL/d exp(A), dL/dA =
 * L(Aᵀ, G).
 *
 * <pre>
 * exp        scaling and squaring with the [13/13] Padé approximant (Higham 2005):
 *            s = max(0, ⌈log₂(‖A‖₁ / θ₁₃)⌉), B = A / 2ˢ, θ₁₃ = 5.37…
 *            U = B (B⁶ (b₁₃B⁶ + b₁₁B⁴ + b₉B²) + b₇B⁶ + b₅B⁴ + b₃B² + b₁I) = B W
 *            V =    B⁶ (b₁₂B⁶ + b₁₀B⁴ + b₈B²) + b₆B⁶ + b₄B⁴ + b₂B² + b₀I
 *            R = (V − U)⁻¹ (V + U) ≈ exp(B),   exp(A) = R^(2ˢ) by s squarings
 * derivative the same recurrences differentiated in the direction F = E / 2ˢ (Al-Mohy &amp; Higham
 *            2009, Algorithm 6.4): M₂ = BF + FB, M₄ = B²M₂ + M₂B², M₆ = B⁴M₂ + M₄B²,
 *            L_U = B L_W + F W, L_V likewise, L = (V − U)⁻¹ (L_U + L_V + (L_U − L_V) R),
 *            and at each squaring L ← R L + L R, R ← R R
 * gradient   ⟨G, L(A, E)⟩ = ⟨L(Aᵀ, G), E⟩ for every E, so dL/dA = L(Aᵀ, G)
 * </pre>
 *
 * For a skew-symmetric A (Aᵀ = −A) exp(A) is orthogonal, which is what the {@code exprnn} cell
 * builds on (Lezcano-Casado &amp; Martínez-Rubio 2019). The workspace (about 20 n×n matrices) is
 * allocated once; an instance is not for several threads at once.
 */
public final class MatrixExponential {
  /** θ₁₃: below this 1-norm the [13/13] Padé approximant is exact to double precision. */
  static final double THETA_13 = 5.371920351148152;

  /** The coefficients b₀ … b₁₃ of the [13/13] Padé approximant of exp. */
  private static final double[] B = {
    64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0, 129060195264000.0,
    10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0, 40840800.0, 960960.0, 16380.0, 182.0, 1.0
  };

  private final int n;
  private final MatrixView a, a2, a4, a6, w1, z1, w, u, v, r, tmp;
  private final MatrixView e, m2, m4, m6, lw, lu, lv, l, tmp2;
  private final DMatrixRMaj q, rhs, solution;
  private final LinearSolverDense<DMatrixRMaj> solver;

  public MatrixExponential(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a matrix exponential of size " + n);
    }
    this.n = n;
    a = MatrixView.zeros(n, n);
    a2 = MatrixView.zeros(n, n);
    a4 = MatrixView.zeros(n, n);
    a6 = MatrixView.zeros(n, n);
    w1 = MatrixView.zeros(n, n);
    z1 = MatrixView.zeros(n, n);
    w = MatrixView.zeros(n, n);
    u = MatrixView.zeros(n, n);
    v = MatrixView.zeros(n, n);
    r = MatrixView.zeros(n, n);
    tmp = MatrixView.zeros(n, n);
    e = MatrixView.zeros(n, n);
    m2 = MatrixView.zeros(n, n);
    m4 = MatrixView.zeros(n, n);
    m6 = MatrixView.zeros(n, n);
    lw = MatrixView.zeros(n, n);
    lu = MatrixView.zeros(n, n);
    lv = MatrixView.zeros(n, n);
    l = MatrixView.zeros(n, n);
    tmp2 = MatrixView.zeros(n, n);
    q = new DMatrixRMaj(n, n);
    rhs = new DMatrixRMaj(n, n);
    solution = new DMatrixRMaj(n, n);
    solver = LinearSolverFactory_DDRM.lu(n);
  }

  /** exp(A) into {@code result}. A: n×n, not modified; result: n×n, overwritten (may be A itself). */
  public void exp(MatrixView matrix, MatrixView result) {
    check(matrix, "A");
    check(result, "exp(A)");
    int s = scale(matrix, false);
    pade(false);
    solve(false); // R = (V − U)⁻¹ (V + U)
    for (int k = 0; k < s; k++) {
      Dense.mult(r, r, tmp);
      r.copyFrom(tmp);
    }
    result.copyFrom(r);
  }

  /**
   * L(A, E), the Fréchet derivative of exp at A in the direction E, into {@code derivative}, and
   * exp(A) into {@code exp} unless it is null. All n×n; A and E are not modified.
   */
  public void derivative(MatrixView matrix, MatrixView direction, MatrixView exp, MatrixView derivative) {
    check(matrix, "A");
    check(direction, "E");
    check(derivative, "L(A, E)");
    a.copyFrom(matrix);
    e.copyFrom(direction);
    frechet(exp, derivative);
  }

  /**
   * dL/dA = L(Aᵀ, G) into {@code gradient}, given G = dL/d exp(A) ({@code upstream}). All n×n; A
   * and G are not modified.
   */
  public void gradient(MatrixView matrix, MatrixView upstream, MatrixView gradient) {
    check(matrix, "A");
    check(upstream, "G");
    check(gradient, "dL/dA");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a.data[i * n + j] = matrix.get(j, i);
      }
    }
    e.copyFrom(upstream);
    frechet(null, gradient);
  }

  private void frechet(MatrixView exp, MatrixView derivative) {
    int s = scale(a, true);
    pade(true);
    solve(true);
    for (int k = 0; k < s; k++) { // L ← R L + L R, R ← R R
      Dense.mult(r, l, tmp);
      Dense.multAdd(l, r, tmp);
      l.copyFrom(tmp);
      Dense.mult(r, r, tmp);
      r.copyFrom(tmp);
    }
    derivative.copyFrom(l);
    if (exp != null) {
      exp.copyFrom(r);
    }
  }

  /** B = A / 2ˢ into {@code a} (and F = E / 2ˢ into {@code e} when {@code withDirection}); returns s. */
  private int scale(MatrixView matrix, boolean withDirection) {
    double norm = 0; // ‖A‖₁, the largest column sum of |a_ij|
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.abs(matrix.get(i, j));
      }
      norm = Math.max(norm, sum);
    }
    if (!Double.isFinite(norm)) {
      throw new ArithmeticException("exp of a matrix with a non-finite entry");
    }
    int s = norm <= THETA_13 ? 0 : (int) Math.ceil(Math.log(norm / THETA_13) / Math.log(2));
    double factor = Math.scalb(1.0, -s);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a.data[i * n + j] = matrix.get(i, j) * factor;
      }
    }
    if (withDirection) {
      for (int i = 0; i < n * n; i++) {
        e.data[i] *= factor;
      }
    }
    return s;
  }

  /** U into u, V into v, W and W₁, Z₁ kept; with the derivative also L_U into lu and L_V into lv. */
  private void pade(boolean withDirection) {
    Dense.mult(a, a, a2);
    Dense.mult(a2, a2, a4);
    Dense.mult(a2, a4, a6);
    combine(w1, B[13], a6, B[11], a4, B[9], a2, 0); //    W₁ = b₁₃B⁶ + b₁₁B⁴ + b₉B²
    combine(tmp, B[7], a6, B[5], a4, B[3], a2, B[1]); //  W₂ = b₇B⁶ + b₅B⁴ + b₃B² + b₁I
    Dense.mult(a6, w1, w); //                             W = B⁶W₁ + W₂
    add(w, tmp);
    Dense.mult(a, w, u); //                               U = B W
    combine(z1, B[12], a6, B[10], a4, B[8], a2, 0); //    Z₁ = b₁₂B⁶ + b₁₀B⁴ + b₈B²
    combine(tmp, B[6], a6, B[4], a4, B[2], a2, B[0]); //  Z₂
    Dense.mult(a6, z1, v); //                             V = B⁶Z₁ + Z₂
    add(v, tmp);
    if (!withDirection) {
      return;
    }
    Dense.mult(a, e, m2); //                              M₂ = BF + FB
    Dense.multAdd(e, a, m2);
    Dense.mult(a2, m2, m4); //                            M₄ = B²M₂ + M₂B²
    Dense.multAdd(m2, a2, m4);
    Dense.mult(a4, m2, m6); //                            M₆ = B⁴M₂ + M₄B²
    Dense.multAdd(m4, a2, m6);
    combine(tmp, B[13], m6, B[11], m4, B[9], m2, 0); //   L_W₁
    Dense.mult(a6, tmp, lw); //                           L_W = B⁶L_W₁ + M₆W₁ + L_W₂
    Dense.multAdd(m6, w1, lw);
    combine(tmp, B[7], m6, B[5], m4, B[3], m2, 0);
    add(lw, tmp);
    Dense.mult(a, lw, lu); //                             L_U = B L_W + F W
    Dense.multAdd(e, w, lu);
    combine(tmp, B[12], m6, B[10], m4, B[8], m2, 0); //   L_Z₁
    Dense.mult(a6, tmp, lv); //                           L_V = B⁶L_Z₁ + M₆Z₁ + L_Z₂
    Dense.multAdd(m6, z1, lv);
    combine(tmp, B[6], m6, B[4], m4, B[2], m2, 0);
    add(lv, tmp);
  }

  /**
   * R = (V − U)⁻¹ (V + U) into r; with the derivative, L = (V − U)⁻¹ (L_U + L_V + (L_U − L_V) R)
   * into l. One LU factorization for both.
   */
  private void solve(boolean withDirection) {
    for (int i = 0; i < n * n; i++) {
      q.data[i] = v.data[i] - u.data[i];
      rhs.data[i] = v.data[i] + u.data[i];
    }
    if (!solver.setA(solver.modifiesA() ? q.copy() : q)) {
      throw new ArithmeticException("exp: the Padé denominator V − U is singular");
    }
    solver.solve(solver.modifiesB() ? rhs.copy() : rhs, solution);
    System.arraycopy(solution.data, 0, r.data, 0, n * n);
    if (!withDirection) {
      return;
    }
    for (int i = 0; i < n * n; i++) {
      tmp2.data[i] = lu.data[i] - lv.data[i];
    }
    Dense.mult(tmp2, r, tmp);
    for (int i = 0; i < n * n; i++) {
      rhs.data[i] = lu.data[i] + lv.data[i] + tmp.data[i];
    }
    solver.solve(solver.modifiesB() ? rhs.copy() : rhs, solution);
    System.arraycopy(solution.data, 0, l.data, 0, n * n);
  }

  /** into = α X + β Y + γ Z + δ I. */
  private void combine(MatrixView into, double alpha, MatrixView x, double beta, MatrixView y, double gamma,
      MatrixView z, double delta) {
    for (int i = 0; i < n * n; i++) {
      into.data[i] = alpha * x.data[i] + beta * y.data[i] + gamma * z.data[i];
    }
    for (int i = 0; i < n; i++) {
      into.data[i * n + i] += delta;
    }
  }

  private static void add(MatrixView into, MatrixView x) {
    for (int i = 0; i < into.data.length; i++) {
      into.data[i] += x.data[i];
    }
  }

  private void check(MatrixView m, String name) {
    if (m.rows != n || m.cols != n) {
      throw new IllegalArgumentException(name + " is " + m.rows + "×" + m.cols + ", expected " + n + "×" + n);
    }
  }
}
