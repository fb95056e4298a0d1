package org.rnnlab.plugins.losses;

import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;

/**
 * Softmax followed by cross-entropy against a target class y, per column of the outputs z (the
 * logits):
 *
 * <pre>
 * p = softmax(z),  p_k = exp(z_k − m) / Σ_j exp(z_j − m),  m = max_j z_j  (shifted for stability)
 * loss = −log p_y = log Σ_j exp(z_j − m) + m − z_y
 * ∂loss/∂z = p − onehot(y)
 * </pre>
 */
public final class SoftmaxCrossEntropy implements Loss {

  /** {@code softmax-cross-entropy} has no settings. */
  public record Settings() {}

  public SoftmaxCrossEntropy(Settings settings) {}

  @Override
  public void check(TaskShape shape) {
    if (!shape.classTargets()) {
      throw new IllegalArgumentException(
          "loss softmax-cross-entropy needs class targets, but the task has real-valued targets (use loss: mse)");
    }
  }

  @Override
  public double lossAndGradient(MatrixView z, SequenceBatch batch, int t, double scale, MatrixView gradient) {
    final int k = z.rows, n = z.cols;
    double total = 0;
    for (int b = 0; b < n; b++) {
      int y = batch.target(t, b);
      if (y == SequenceBatch.NO_TARGET) {
        if (gradient != null) {
          for (int i = 0; i < k; i++) {
            gradient.set(i, b, 0);
          }
        }
        continue;
      }
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        m = Math.max(m, z.data[z.offset + i * n + b]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) { // exp(z_k − m), kept in the gradient's column (no state: threads share a loss)
        double e = Math.exp(z.data[z.offset + i * n + b] - m);
        if (gradient != null) {
          gradient.data[gradient.offset + i * n + b] = e;
        }
        sum += e;
      }
      total += Math.log(sum) + m - z.data[z.offset + y * n + b];
      if (gradient != null) {
        double inverse = 1 / sum;
        for (int i = 0; i < k; i++) {
          int at = gradient.offset + i * n + b;
          double p = gradient.data[at] * inverse;
          gradient.data[at] = scale * (i == y ? p - 1 : p);
        }
      }
    }
    return total;
  }
}
