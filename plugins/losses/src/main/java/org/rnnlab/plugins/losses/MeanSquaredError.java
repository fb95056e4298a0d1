package org.rnnlab.plugins.losses;

import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;

/**
 * Squared error of the linear readout against real-valued targets, per position with a target:
 *
 * <pre>
 * loss = Σ_k (z_k − y_k)²        ∂loss/∂z = 2 (z − y)
 * </pre>
 *
 * Summed over the positions with a target and averaged over the batch, this is the mean squared
 * error per sequence (for the adding task, with one target per sequence, the usual MSE).
 */
public final class MeanSquaredError implements Loss {

  /** {@code mse} has no settings. */
  public record Settings() {}

  public MeanSquaredError(Settings settings) {}

  @Override
  public void check(TaskShape shape) {
    if (shape.classTargets()) {
      throw new IllegalArgumentException(
          "loss mse needs real-valued targets, but the task has class targets (use loss: softmax-cross-entropy)");
    }
  }

  @Override
  public double lossAndGradient(MatrixView z, SequenceBatch batch, int t, double scale, MatrixView gradient) {
    final int k = z.rows, n = z.cols;
    double total = 0;
    for (int b = 0; b < n; b++) {
      boolean counted = batch.hasTarget(t, b);
      for (int i = 0; i < k; i++) {
        double diff = counted ? z.data[z.offset + i * n + b] - batch.targetValue(t, b, i) : 0;
        total += diff * diff;
        if (gradient != null) {
          gradient.data[gradient.offset + i * n + b] = scale * 2 * diff;
        }
      }
    }
    return total;
  }
}
