package org.rnnlab.plugins.optimizers;

import org.rnnlab.plugin.Setting;

/**
 * The step size at update t = 1, 2, …: constant, or decayed from η₀ to η_final over D updates
 * and constant after that. D is {@code schedule.steps}, or when that is 0 the number of updates the
 * experiment plans (so that the decay ends with training).
 *
 * <pre>
 * x = min(t − 1, D) / D
 * linear   η_t = η_final + (η₀ − η_final) · (1 − x)
 * cosine   η_t = η_final + (η₀ − η_final) · (1 + cos πx) / 2      (Loshchilov &amp; Hutter 2017)
 * </pre>
 */
public final class LearningRate {

  /** How the step size changes with the update count. */
  public enum Decay {
    NONE,
    LINEAR,
    COSINE
  }

  /** The {@code schedule} settings an optimizer takes beside its {@code learning_rate}. */
  public record Schedule(
      @Setting(value = "none: constant η; linear or cosine: from learning_rate to final_learning_rate", defaultValue = "none")
      Decay decay,
      @Setting(value = "updates the decay takes, η constant after; 0 = all the updates the run plans", defaultValue = "0",
          min = 0)
      long steps,
      @Setting(value = "η at the end of the decay", defaultValue = "0.0", min = 0)
      double finalLearningRate) {

    /** A constant learning rate. */
    public static final Schedule CONSTANT = new Schedule(Decay.NONE, 0, 0);
  }

  private final double initial;
  private final Decay decay;
  private long decaySteps;
  private final double last;

  LearningRate(double initial, Schedule schedule) {
    this(initial, schedule.decay(), schedule.steps(), schedule.finalLearningRate());
  }

  LearningRate(double initial, Decay decay, long decaySteps, double last) {
    if (decay != Decay.NONE && last > initial) {
      throw new IllegalArgumentException(
          "schedule.final_learning_rate (" + last + ") must not exceed learning_rate (" + initial + ")");
    }
    this.initial = initial;
    this.decay = decay;
    this.decaySteps = decaySteps;
    this.last = last;
  }

  /** Sets D from the experiment's plan when schedule.steps was left at 0. */
  void plan(long plannedUpdates) {
    if (decaySteps == 0) {
      decaySteps = Math.max(1, plannedUpdates);
    }
  }

  /** η at update {@code t} (1-based). */
  double at(long t) {
    if (decay == Decay.NONE) {
      return initial;
    }
    if (decaySteps == 0) {
      throw new IllegalStateException("schedule.steps is 0 and the experiment did not plan its updates");
    }
    double x = Math.min(t - 1, decaySteps) / (double) decaySteps;
    return switch (decay) {
      case NONE -> initial; // not reached
      case LINEAR -> last + (initial - last) * (1 - x);
      case COSINE -> last + (initial - last) * 0.5 * (1 + Math.cos(Math.PI * x));
    };
  }
}
