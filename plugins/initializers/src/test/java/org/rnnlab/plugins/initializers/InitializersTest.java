package org.rnnlab.plugins.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testkit.InitializerContract;

class InitializersTest {

  @Nested
  class Glorot extends InitializerContract {
    @Override
    protected Initializer initializer() {
      return new GlorotInitializer(new GlorotInitializer.Settings(1.0));
    }

    @Test
    void drawsUniformlyWithinTheGlorotBound() {
      MatrixView w = MatrixView.zeros(200, 100); // bound √(6/300) = √0.02
      initializer().initialize(w, SplitMix64.derive(1, "init"));
      double bound = Math.sqrt(6.0 / 300), sum = 0, sumSquares = 0, max = 0;
      for (double x : w.data) {
        max = Math.max(max, Math.abs(x));
        sum += x;
        sumSquares += x * x;
      }
      int n = w.size();
      assertTrue(max <= bound, "max " + max);
      assertTrue(max > 0.99 * bound, "the bound is reached: " + max);
      assertEquals(0, sum / n, 0.01 * bound);
      assertEquals(bound * bound / 3, sumSquares / n, 0.02 * bound * bound / 3); // variance of U[−s, s] is s²/3
    }

    @Test
    void gainScalesTheBound() {
      MatrixView plain = MatrixView.zeros(4, 6), doubled = MatrixView.zeros(4, 6);
      initializer().initialize(plain, SplitMix64.derive(2, "init"));
      new GlorotInitializer(new GlorotInitializer.Settings(2.0)).initialize(doubled, SplitMix64.derive(2, "init"));
      for (int i = 0; i < plain.size(); i++) {
        assertEquals(2 * plain.data[i], doubled.data[i], 1e-15);
      }
    }
  }

  @Nested
  class Zeros extends InitializerContract {
    @Override
    protected Initializer initializer() {
      return new ZerosInitializer(new ZerosInitializer.Settings());
    }

    @Test
    void setsEverythingToZero() {
      MatrixView w = MatrixView.zeros(3, 3);
      w.fill(7);
      initializer().initialize(w, SplitMix64.derive(1, "init"));
      for (double x : w.data) {
        assertEquals(0.0, x);
      }
    }
  }

  @Nested
  class Orthogonal extends InitializerContract {
    @Override
    protected Initializer initializer() {
      return new OrthogonalInitializer(new OrthogonalInitializer.Settings(1.0));
    }

    @Test
    void squareMatricesSatisfyQTransposeQEqualsIdentity() {
      for (int n : new int[] {1, 2, 10, 50}) {
        MatrixView q = MatrixView.zeros(n, n);
        initializer().initialize(q, SplitMix64.derive(n, "init"));
        assertOrthonormalColumns(q, 1.0);
        assertOrthonormalColumns(transpose(q), 1.0);
      }
    }

    @Test
    void tallAndWideMatricesHaveOrthonormalColumnsOrRows() {
      MatrixView tall = MatrixView.zeros(30, 7), wide = MatrixView.zeros(7, 30);
      initializer().initialize(tall, SplitMix64.derive(1, "init"));
      initializer().initialize(wide, SplitMix64.derive(1, "init"));
      assertOrthonormalColumns(tall, 1.0);
      assertOrthonormalColumns(transpose(wide), 1.0);
    }

    @Test
    void gainScalesEverySingularValue() {
      MatrixView q = MatrixView.zeros(8, 8);
      new OrthogonalInitializer(new OrthogonalInitializer.Settings(1.5)).initialize(q, SplitMix64.derive(3, "init"));
      assertOrthonormalColumns(q, 1.5);
    }

    @Test
    void differentStreamsGiveDifferentMatrices() {
      MatrixView a = MatrixView.zeros(5, 5), b = MatrixView.zeros(5, 5);
      initializer().initialize(a, SplitMix64.derive(1, "init"));
      initializer().initialize(b, SplitMix64.derive(2, "init"));
      assertTrue(Math.abs(a.get(0, 0) - b.get(0, 0)) > 0);
    }

    /** QᵀQ = gain²·I within 1e-10. */
    private void assertOrthonormalColumns(MatrixView q, double gain) {
      for (int i = 0; i < q.cols; i++) {
        for (int j = 0; j < q.cols; j++) {
          double dot = 0;
          for (int k = 0; k < q.rows; k++) {
            dot += q.get(k, i) * q.get(k, j);
          }
          assertEquals(i == j ? gain * gain : 0, dot, 1e-10, "(QᵀQ)[" + i + "," + j + "]");
        }
      }
    }

    private MatrixView transpose(MatrixView m) {
      MatrixView t = MatrixView.zeros(m.cols, m.rows);
      for (int i = 0; i < m.rows; i++) {
        for (int j = 0; j < m.cols; j++) {
          t.set(j, i, m.get(i, j));
        }
      }
      return t;
    }
  }

  @Nested
  class Identity extends InitializerContract {
    @Override
    protected Initializer initializer() {
      return new IdentityInitializer(new IdentityInitializer.Settings(0.5));
    }

    @Test
    void isScaledIdentityOnTheLeadingDiagonal() {
      for (int[] shape : new int[][] {{4, 4}, {3, 5}, {5, 3}}) {
        MatrixView w = MatrixView.zeros(shape[0], shape[1]);
        w.fill(9);
        initializer().initialize(w, SplitMix64.derive(1, "init"));
        for (int i = 0; i < w.rows; i++) {
          for (int j = 0; j < w.cols; j++) {
            assertEquals(i == j ? 0.5 : 0.0, w.get(i, j));
          }
        }
      }
    }
  }
}
