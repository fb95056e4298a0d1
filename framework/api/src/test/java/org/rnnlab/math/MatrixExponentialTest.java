package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MatrixExponentialTest {

  /** exp of the rotation generator [[0, θ], [−θ, 0]] is the rotation [[cos θ, sin θ], [−sin θ, cos θ]]. */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.3, 3.0, 40.0, 1000.0})
  void rotationGeneratorGivesTheRotation(double theta) {
    MatrixView a = new MatrixView(new double[] {0, theta, -theta, 0}, 0, 2, 2);
    MatrixView r = MatrixView.zeros(2, 2);
    new MatrixExponential(2).exp(a, r);
    double tolerance = 1e-15 * Math.max(1, theta) * 4;
    assertEquals(Math.cos(theta), r.get(0, 0), tolerance);
    assertEquals(Math.sin(theta), r.get(0, 1), tolerance);
    assertEquals(-Math.sin(theta), r.get(1, 0), tolerance);
    assertEquals(Math.cos(theta), r.get(1, 1), tolerance);
  }

  /** Against a Taylor series of A / 2¹², squared 12 times: another algorithm, same value. */
  @ParameterizedTest
  @ValueSource(doubles = {0.01, 1.0, 4.0, 30.0})
  void agreesWithTaylorSeriesAndSquaring(double scale) {
    int n = 9;
    MatrixView a = random(n, scale / n, 7);
    MatrixView result = MatrixView.zeros(n, n);
    new MatrixExponential(n).exp(a, result);
    MatrixView expected = taylorThenSquare(a, 12);
    assertTrue(maxDifference(result, expected) <= 1e-12 * maxAbs(expected),
        "difference " + maxDifference(result, expected) + " of " + maxAbs(expected));
  }

  /** A skew-symmetric generator gives an orthogonal matrix: UᵀU = I to rounding. */
  @Test
  void skewSymmetricGivesOrthogonal() {
    int n = 64;
    MatrixView a = skew(random(n, 1.0, 3));
    MatrixView u = MatrixView.zeros(n, n);
    new MatrixExponential(n).exp(a, u);
    assertTrue(orthogonalityError(u) < 1e-13, "‖UᵀU − I‖_max = " + orthogonalityError(u));
  }

  /** L(A, E) is the upper-right block of exp([[A, E], [0, A]]) (Najfeld &amp; Havel 1995). */
  @ParameterizedTest
  @ValueSource(doubles = {0.5, 3.0, 25.0})
  void derivativeIsTheBlockExponentialsCorner(double scale) {
    int n = 7;
    MatrixView a = random(n, scale / n, 11);
    MatrixView e = random(n, 1.0, 12);
    MatrixView exp = MatrixView.zeros(n, n);
    MatrixView derivative = MatrixView.zeros(n, n);
    new MatrixExponential(n).derivative(a, e, exp, derivative);

    MatrixView block = MatrixView.zeros(2 * n, 2 * n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        block.set(i, j, a.get(i, j));
        block.set(n + i, n + j, a.get(i, j));
        block.set(i, n + j, e.get(i, j));
      }
    }
    MatrixView blockExp = MatrixView.zeros(2 * n, 2 * n);
    new MatrixExponential(2 * n).exp(block, blockExp);
    double bound = 1e-12 * maxAbs(blockExp);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(blockExp.get(i, n + j), derivative.get(i, j), bound, "L at " + i + "," + j);
        assertEquals(blockExp.get(i, j), exp.get(i, j), bound, "exp at " + i + "," + j);
      }
    }
  }

  /** Against central differences of exp itself, (exp(A + δE) − exp(A − δE)) / 2δ. */
  @Test
  void derivativeAgreesWithFiniteDifferences() {
    int n = 6;
    MatrixView a = random(n, 2.0 / n, 21);
    MatrixView e = random(n, 1.0, 22);
    MatrixExponential expm = new MatrixExponential(n);
    MatrixView derivative = MatrixView.zeros(n, n);
    expm.derivative(a, e, null, derivative);
    double delta = 1e-5;
    MatrixView plus = MatrixView.zeros(n, n), minus = MatrixView.zeros(n, n);
    MatrixView shifted = MatrixView.zeros(n, n);
    for (int i = 0; i < n * n; i++) {
      shifted.data[i] = a.data[i] + delta * e.data[i];
    }
    expm.exp(shifted, plus);
    for (int i = 0; i < n * n; i++) {
      shifted.data[i] = a.data[i] - delta * e.data[i];
    }
    expm.exp(shifted, minus);
    for (int i = 0; i < n * n; i++) {
      double numeric = (plus.data[i] - minus.data[i]) / (2 * delta);
      assertEquals(numeric, derivative.data[i], 1e-8 * Math.max(1, Math.abs(numeric)));
    }
  }

  /** The gradient is the adjoint of the derivative: ⟨G, L(A, E)⟩ = ⟨L(Aᵀ, G), E⟩. */
  @ParameterizedTest
  @ValueSource(doubles = {0.5, 12.0})
  void gradientIsTheAdjointOfTheDerivative(double scale) {
    int n = 8;
    MatrixView a = random(n, scale / n, 31);
    MatrixView g = random(n, 1.0, 32);
    MatrixExponential expm = new MatrixExponential(n);
    MatrixView gradient = MatrixView.zeros(n, n);
    expm.gradient(a, g, gradient);
    MatrixView derivative = MatrixView.zeros(n, n);
    for (int trial = 0; trial < 5; trial++) {
      MatrixView e = random(n, 1.0, 40 + trial);
      expm.derivative(a, e, null, derivative);
      double left = dot(g, derivative), right = dot(gradient, e);
      assertEquals(left, right, 1e-12 * Math.max(1, Math.abs(left)));
    }
  }

  @Test
  void refusesWrongShapesAndNonFiniteEntries() {
    MatrixExponential expm = new MatrixExponential(3);
    assertThrows(IllegalArgumentException.class, () -> expm.exp(MatrixView.zeros(2, 2), MatrixView.zeros(3, 3)));
    MatrixView nan = MatrixView.zeros(3, 3);
    nan.set(1, 2, Double.NaN);
    assertThrows(ArithmeticException.class, () -> expm.exp(nan, MatrixView.zeros(3, 3)));
  }

  static MatrixView random(int n, double scale, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    MatrixView m = MatrixView.zeros(n, n);
    for (int i = 0; i < n * n; i++) {
      m.data[i] = scale * (2 * random.nextDouble() - 1);
    }
    return m;
  }

  static MatrixView skew(MatrixView m) {
    int n = m.rows;
    MatrixView s = MatrixView.zeros(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s.set(i, j, m.get(i, j) - m.get(j, i));
      }
    }
    return s;
  }

  static double orthogonalityError(MatrixView u) {
    int n = u.rows;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += u.get(k, i) * u.get(k, j);
        }
        worst = Math.max(worst, Math.abs(sum - (i == j ? 1 : 0)));
      }
    }
    return worst;
  }

  private static MatrixView taylorThenSquare(MatrixView a, int squarings) {
    int n = a.rows;
    MatrixView b = MatrixView.zeros(n, n);
    for (int i = 0; i < n * n; i++) {
      b.data[i] = Math.scalb(a.data[i], -squarings);
    }
    MatrixView sum = MatrixView.zeros(n, n), term = MatrixView.zeros(n, n), next = MatrixView.zeros(n, n);
    for (int i = 0; i < n; i++) {
      sum.set(i, i, 1);
      term.set(i, i, 1);
    }
    for (int k = 1; k <= 30; k++) {
      Dense.scalarMultAdd(term, b, clear(next));
      for (int i = 0; i < n * n; i++) {
        term.data[i] = next.data[i] / k;
        sum.data[i] += term.data[i];
      }
    }
    for (int s = 0; s < squarings; s++) {
      Dense.scalarMultAdd(sum, sum, clear(next));
      sum.copyFrom(next);
    }
    return sum;
  }

  private static MatrixView clear(MatrixView m) {
    m.fill(0);
    return m;
  }

  private static double dot(MatrixView x, MatrixView y) {
    double sum = 0;
    for (int i = 0; i < x.size(); i++) {
      sum += x.data[x.offset + i] * y.data[y.offset + i];
    }
    return sum;
  }

  private static double maxDifference(MatrixView x, MatrixView y) {
    double worst = 0;
    for (int i = 0; i < x.size(); i++) {
      worst = Math.max(worst, Math.abs(x.data[i] - y.data[i]));
    }
    return worst;
  }

  private static double maxAbs(MatrixView x) {
    double worst = 0;
    for (int i = 0; i < x.size(); i++) {
      worst = Math.max(worst, Math.abs(x.data[i]));
    }
    return worst;
  }
}
