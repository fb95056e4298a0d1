package org.rnnlab.testkit;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * Minimal, independent components for contract tests, so that a plugin's test never depends on
 * another plugin: a uniform initializer, a squared-error loss and a task of random sequences.
 */
public final class TestComponents {
  private TestComponents() {}

  /** Fills weights from U[−scale, scale]. */
  public static Initializer uniform(double scale) {
    return (MatrixView w, RandomGenerator random) -> {
      for (int i = 0; i < w.rows; i++) {
        for (int j = 0; j < w.cols; j++) {
          w.set(i, j, scale * (2 * random.nextDouble() - 1));
        }
      }
    };
  }

  /**
   * L = ½ Σ_k (z_k − onehot(y)_k)² per column with a target; ∂L/∂z = z − onehot(y). Written
   * plainly so that it is obviously right.
   */
  public static Loss squaredError() {
    return (MatrixView z, SequenceBatch batch, int t, double scale, MatrixView gradient) -> {
      double total = 0;
      for (int b = 0; b < z.cols; b++) {
        int y = batch.target(t, b);
        for (int k = 0; k < z.rows; k++) {
          double diff = y == SequenceBatch.NO_TARGET ? 0 : z.get(k, b) - (k == y ? 1 : 0);
          total += 0.5 * diff * diff;
          if (gradient != null) {
            gradient.set(k, b, scale * diff);
          }
        }
      }
      return total;
    };
  }

  /**
   * Random sequences of {@code shape}: symbols or values in [−1, 1], a random target at every
   * position except every third one (no target there), every position with a target scored.
   */
  public static Task randomTask(TaskShape shape) {
    return new Task() {
      @Override
      public TaskShape shape() {
        return shape;
      }

      @Override
      public void sample(SequenceBatch batch, RandomGenerator random) {
        batch.clear();
        for (int t = 0; t < shape.steps(); t++) {
          for (int b = 0; b < batch.batchSize(); b++) {
            if (shape.symbolInputs()) {
              batch.setSymbol(t, b, random.nextInt(shape.inputSize()));
            } else {
              MatrixView x = batch.inputValues(t);
              for (int i = 0; i < shape.inputSize(); i++) {
                x.set(i, b, 2 * random.nextDouble() - 1);
              }
            }
            boolean hasTarget = (t + b) % 3 != 2;
            batch.setTarget(t, b, hasTarget ? random.nextInt(shape.outputSize()) : SequenceBatch.NO_TARGET);
            batch.setScored(t, b, hasTarget);
          }
        }
      }
    };
  }
}
