package org.rnnlab.plugins.optimizers;

import org.rnnlab.config.Setting;
import org.rnnlab.nn.Parameters;
import org.rnnlab.spi.Optimizer;

/**
 * Stochastic gradient descent, θ ← θ − η g; with momentum μ &gt; 0 the classical momentum of
 * Polyak (1964): v ← μ v − η g, θ ← θ + v.
 */
public final class Sgd implements Optimizer {

  /** Settings of {@code sgd}. */
  public record Settings(
      @Setting(value = "step size η", defaultValue = "0.01", min = 0, exclusiveMin = true, max = 1000)
      double learningRate,
      @Setting(value = "momentum μ (0 = plain SGD)", defaultValue = "0.0", min = 0, max = 0.9999)
      double momentum) {}

  private final Settings settings;
  private double[] velocity;

  public Sgd(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void update(Parameters parameters, Parameters gradients) {
    final double[] theta = parameters.values(), g = gradients.values();
    final double lr = settings.learningRate(), mu = settings.momentum();
    if (mu == 0) {
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= lr * g[i];
      }
      return;
    }
    if (velocity == null) {
      velocity = new double[theta.length];
    }
    final double[] v = velocity;
    for (int i = 0; i < theta.length; i++) {
      v[i] = mu * v[i] - lr * g[i];
      theta[i] += v[i];
    }
  }
}
