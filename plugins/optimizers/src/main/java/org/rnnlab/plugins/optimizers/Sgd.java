package org.rnnlab.plugins.optimizers;

import java.util.List;
import java.util.Map;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.Parameters;

/**
 * Stochastic gradient descent, θ ← θ − η g; with momentum μ &gt; 0 the classical momentum of
 * Polyak (1964): v ← μ v − η g, θ ← θ + v. The step size η may decay (see {@link LearningRate}).
 *
 * <p>The velocity holds the step size: v carries η of the updates it accumulated. PyTorch's
 * {@code SGD} keeps the gradient in its buffer instead (b ← μ b + g, θ ← θ − η b), so the two are
 * the same update while η is constant and differ once η decays: here earlier steps keep their
 * larger η, there every remembered gradient is scaled by today's η.
 */
public final class Sgd implements Optimizer {

  /** Settings of {@code sgd}. */
  public record Settings(
      @Setting(value = "step size η", defaultValue = "0.01", min = 0, exclusiveMin = true, max = 1000)
      double learningRate,
      @Setting(value = "momentum μ (0 = plain SGD)", defaultValue = "0.0", min = 0, max = 0.9999)
      double momentum,
      @Setting(value = "how η changes over the updates", defaultValue = "{}")
      LearningRate.Schedule schedule,
      @Setting(value = "matrices with a step size of their own, η × factor, e.g. [{matrices: [A], factor: 0.1}];"
          + " a name is that matrix in every layer (A), or in one (l2.A)", defaultValue = "[]")
      List<RateGroup> groups) {
    public Settings {
      new LearningRate(learningRate, schedule);
    }

    /** One step size for every matrix. */
    public Settings(double learningRate, double momentum, LearningRate.Schedule schedule) {
      this(learningRate, momentum, schedule, List.of());
    }
  }

  private final Settings settings;
  private final LearningRate learningRate;
  private double[] velocity;
  private long step;
  private final RateGroup.Factors factors;

  public Sgd(Settings settings) {
    this.settings = settings;
    this.learningRate = new LearningRate(settings.learningRate(), settings.schedule());
    this.factors = new RateGroup.Factors(settings.groups());
  }

  @Override
  public Map<String, double[]> state() {
    return velocity == null ? Map.of("step", new double[] {step})
        : Map.of("velocity", velocity.clone(), "step", new double[] {step});
  }

  @Override
  public void restore(Map<String, double[]> state) {
    step = (long) state.get("step")[0];
    velocity = state.containsKey("velocity") ? state.get("velocity").clone() : null;
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
    final double lr = learningRate.at(++step), mu = settings.momentum();
    final double[] factors = this.factors.of(parameters);
    if (mu == 0) {
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= (factors == null ? lr : lr * factors[i]) * g[i];
      }
      return;
    }
    if (velocity == null) {
      velocity = new double[theta.length];
    }
    final double[] v = velocity;
    for (int i = 0; i < theta.length; i++) {
      v[i] = mu * v[i] - (factors == null ? lr : lr * factors[i]) * g[i];
      theta[i] += v[i];
    }
  }
}
