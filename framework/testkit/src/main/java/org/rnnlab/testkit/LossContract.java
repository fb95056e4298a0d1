package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;

/**
 * The contract of every {@link Loss}: its gradient matches central finite differences of its
 * value, columns without a target contribute nothing, the gradient is scaled as asked, and asking
 * for no gradient gives the same value.
 */
public abstract class LossContract {

  protected abstract Loss loss();

  /** True for a loss of class targets, false for one of real-valued targets. */
  protected boolean classTargets() {
    return true;
  }

  private TaskShape shape() {
    return new TaskShape(2, 3, true, 5, classTargets());
  }

  @Test
  void acceptsItsOwnKindOfTargetsAndRejectsTheOther() {
    loss().check(shape());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> loss().check(new TaskShape(2, 3, true, 5, !classTargets())));
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Loss loss = loss();
    SequenceBatch batch = batch();
    MatrixView z = outputs(3.0);
    MatrixView gradient = MatrixView.zeros(5, 4);
    loss.lossAndGradient(z, batch, 1, 1.0, gradient);
    double delta = 1e-6;
    for (int i = 0; i < z.rows; i++) {
      for (int b = 0; b < z.cols; b++) {
        double saved = z.get(i, b);
        z.set(i, b, saved + delta);
        double plus = loss.lossAndGradient(z, batch, 1, 1.0, null);
        z.set(i, b, saved - delta);
        double minus = loss.lossAndGradient(z, batch, 1, 1.0, null);
        z.set(i, b, saved);
        double numeric = (plus - minus) / (2 * delta);
        assertEquals(numeric, gradient.get(i, b), 1e-7 * Math.max(1, Math.abs(numeric)), "∂L/∂z[" + i + "," + b + "]");
      }
    }
  }

  @Test
  void columnsWithoutATargetContributeNothing() {
    Loss loss = loss();
    SequenceBatch batch = batch();
    MatrixView z = outputs(1.0);
    MatrixView gradient = outputs(1.0); // garbage that must be overwritten
    double all = loss.lossAndGradient(z, batch, 1, 1.0, gradient);
    for (int i = 0; i < z.rows; i++) {
      assertEquals(0.0, gradient.get(i, 2), "column 2 has no target");
    }
    z.set(0, 2, 1e6); // changing a column without target changes nothing
    assertEquals(all, loss.lossAndGradient(z, batch, 1, 1.0, null));
    assertTrue(all > 0);
  }

  @Test
  void theGradientIsScaledAndTheValueIsNot() {
    Loss loss = loss();
    SequenceBatch batch = batch();
    MatrixView z = outputs(2.0);
    MatrixView g1 = MatrixView.zeros(5, 4), gQuarter = MatrixView.zeros(5, 4);
    double v1 = loss.lossAndGradient(z, batch, 1, 1.0, g1);
    double vQuarter = loss.lossAndGradient(z, batch, 1, 0.25, gQuarter);
    assertEquals(v1, vQuarter);
    assertEquals(v1, loss.lossAndGradient(z, batch, 1, 1.0, null));
    for (int i = 0; i < g1.size(); i++) {
      assertEquals(0.25 * g1.data[i], gQuarter.data[i], 1e-15);
    }
  }

  @Test
  void extremeOutputsGiveFiniteValues() {
    Loss loss = loss();
    SequenceBatch batch = batch();
    MatrixView z = outputs(1.0);
    for (int i = 0; i < z.size(); i++) {
      z.data[i] *= 1e3;
    }
    MatrixView gradient = MatrixView.zeros(5, 4);
    assertTrue(Double.isFinite(loss.lossAndGradient(z, batch, 1, 1.0, gradient)));
    for (double g : gradient.data) {
      assertTrue(Double.isFinite(g));
    }
  }

  /**
   * The threads that run a batch's slices share one instance: two threads calling it at once, each
   * on its own outputs, get exactly what one thread gets.
   */
  @Test
  void threadsSharingOneInstanceGetWhatOneThreadGets() throws Exception {
    Loss loss = loss();
    SequenceBatch batch = batch();
    MatrixView[] z = {outputs(1.0), outputs(7.0)};
    for (int i = 0; i < z[1].size(); i++) {
      z[1].data[i] = -3 * z[1].data[i] + 0.5;
    }
    double[] expectedValue = new double[2];
    MatrixView[] expectedGradient = new MatrixView[2];
    for (int w = 0; w < 2; w++) {
      expectedGradient[w] = MatrixView.zeros(5, 4);
      expectedValue[w] = loss.lossAndGradient(z[w], batch, 1, 0.5, expectedGradient[w]);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
      for (int w = 0; w < 2; w++) {
        final int own = w;
        results.add(pool.submit(() -> {
          start.await();
          MatrixView gradient = MatrixView.zeros(5, 4);
          for (int round = 0; round < 200_000; round++) {
            double value = loss.lossAndGradient(z[own], batch, 1, 0.5, gradient);
            if (value != expectedValue[own] || !java.util.Arrays.equals(gradient.data, expectedGradient[own].data)) {
              return "round " + round + " of thread " + own + " got another value or gradient than one thread";
            }
          }
          return "";
        }));
      }
      for (java.util.concurrent.Future<String> result : results) {
        assertEquals("", result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Four columns at step 1; column 2 has no target. */
  private SequenceBatch batch() {
    SequenceBatch batch = new SequenceBatch(shape(), 4);
    int[] targets = {3, 0, SequenceBatch.NO_TARGET, 4};
    SplitMix64 random = new SplitMix64(8);
    for (int b = 0; b < 4; b++) {
      if (classTargets()) {
        batch.setTarget(1, b, targets[b]);
      } else if (targets[b] != SequenceBatch.NO_TARGET) {
        for (int k = 0; k < 5; k++) {
          batch.setTargetValue(1, b, k, 2 * random.nextDouble() - 1);
        }
      }
    }
    return batch;
  }

  private static MatrixView outputs(double scale) {
    SplitMix64 random = new SplitMix64(5);
    MatrixView z = MatrixView.zeros(5, 4);
    for (int i = 0; i < z.size(); i++) {
      z.data[i] = scale * (2 * random.nextDouble() - 1);
    }
    return z;
  }
}
