package org.rnnlab.plugins.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.Initializer;
import org.rnnlab.testing.InitializerContract;

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
}
