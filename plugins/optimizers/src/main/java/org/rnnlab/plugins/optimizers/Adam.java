package org.rnnlab.plugins.optimizers;

import java.util.List;
import java.util.Map;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.Parameters;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1), at step t = 1, 2, …:
 *
 * <pre>
 * m ← β1 m + (1 − β1) g          v ← β2 v + (1 − β2) g²
 * m̂ = m / (1 − β1^t)             v̂ = v / (1 − β2^t)
 * θ ← θ − η m̂ / (√v̂ + ε)
 * </pre>
 *
 * The step size η may decay over the updates (see {@link LearningRate}).
 */
public final class Adam implements Optimizer {

  /** Settings of {@code adam}. */
  public record Settings(
      @Setting(value = "step size η", defaultValue = "0.001", min = 0, exclusiveMin = true, max = 1000)
      double learningRate,
      @Setting(value = "decay β1 of the first-moment average", defaultValue = "0.9", min = 0, max = 0.9999999)
      double beta1,
      @Setting(value = "decay β2 of the second-moment average", defaultValue = "0.999", min = 0, max = 0.9999999)
      double beta2,
      @Setting(value = "ε added to √v̂ against division by zero", defaultValue = "1.0e-8", min = 0, exclusiveMin = true)
      double epsilon,
      @Setting(value = "how η changes over the updates", defaultValue = "{}")
      LearningRate.Schedule schedule,
      @Setting(value = "matrices with a step size of their own, η × factor, e.g. [{matrices: [A], factor: 0.1}];"
          + " a name is that matrix in every layer (A), or in one (l2.A)", defaultValue = "[]")
      List<RateGroup> groups) {
    public Settings {
      new LearningRate(learningRate, schedule);
    }

    /** One step size for every matrix. */
    public Settings(double learningRate, double beta1, double beta2, double epsilon, LearningRate.Schedule schedule) {
      this(learningRate, beta1, beta2, epsilon, schedule, List.of());
    }
  }

  private final Settings settings;
  private final LearningRate learningRate;
  private double[] m;
  private double[] v;
  private long step;
  private final RateGroup.Factors factors;

  public Adam(Settings settings) {
    this.settings = settings;
    this.learningRate = new LearningRate(settings.learningRate(), settings.schedule());
    this.factors = new RateGroup.Factors(settings.groups());
  }

  @Override
  public Map<String, double[]> state() {
    if (m == null) {
      return Map.of("step", new double[] {step});
    }
    return Map.of("m", m.clone(), "v", v.clone(), "step", new double[] {step});
  }

  @Override
  public void restore(Map<String, double[]> state) {
    step = (long) state.get("step")[0];
    m = state.containsKey("m") ? state.get("m").clone() : null;
    v = state.containsKey("v") ? state.get("v").clone() : null;
  }

  @Override
  public void plan(long plannedUpdates) {
    learningRate.plan(plannedUpdates);
  }

  @Override
  public void check(ParameterLayout layout) {
    factors.check(layout);
  }

  @Override
  public void update(Parameters parameters, Parameters gradients) {
    final double[] theta = parameters.values(), g = gradients.values();
    if (m == null) {
      m = new double[theta.length];
      v = new double[theta.length];
    }
    step++;
    final double b1 = settings.beta1(), b2 = settings.beta2(), eps = settings.epsilon();
    final double correction1 = 1 - Math.pow(b1, step), correction2 = 1 - Math.pow(b2, step);
    final double lr = learningRate.at(step);
    final double[] m = this.m, v = this.v, factors = this.factors.of(parameters);
    for (int i = 0; i < theta.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double mHat = m[i] / correction1;
      double vHat = v[i] / correction2;
      theta[i] -= (factors == null ? lr : lr * factors[i]) * mHat / (Math.sqrt(vHat) + eps);
    }
  }
}
