package org.rnnlab.run;

import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.experiment.Estimate;

/**
 * Refuses, before anything is written, a run (or a sweep's points run side by side) whose memory
 * estimate exceeds what this JVM may use: every value of a config can be within its documented
 * range while the product of batch, length and hidden size is not.
 */
public final class MemoryCheck {
  /** The share of the JVM's largest heap a run may plan to use; the rest is the JVM's and the sinks'. */
  static final double USABLE = 0.85;

  private MemoryCheck() {}

  /**
   * The run's estimate (see {@link org.rnnlab.experiment.Experiment#estimate}), or null when its
   * experiment cannot say.
   */
  public static Estimate estimate(RunConfig config) {
    return config.experiment().create().estimate(new RunComponents(config));
  }

  /**
   * @param parallel how many such runs this JVM runs at once (a sweep's --jobs)
   * @throws ConfigException with the estimate, the limit and what to lower, when it does not fit
   */
  public static void check(Estimate estimate, int parallel, String where) {
    check(estimate, parallel, where, (parallel > 1 ? "--jobs, " : "")
        + "experiment.batch_size, network.hidden or the sequence length");
  }

  /**
   * @param lower the settings that would make it fit, for the message ("--sequences or ...")
   * @throws ConfigException with the estimate, the limit and what to lower, when it does not fit
   */
  public static void check(Estimate estimate, int parallel, String where, String lower) {
    if (estimate == null) {
      return;
    }
    long limit = (long) (Runtime.getRuntime().maxMemory() * USABLE);
    double needed = (double) estimate.bytes() * parallel;
    if (needed > limit) {
      String many = parallel > 1 ? " × " + parallel + " points at a time = " + Estimate.size((long) needed) : "";
      throw new ConfigException(Origin.of(where), "", "the run needs about " + Estimate.size(estimate.bytes()) + many
          + " of memory (" + estimate.breakdown() + "), more than the " + Estimate.size(limit)
          + " this JVM may use; lower " + lower + ", or give Java more memory"
          + " (RNNLAB_JAVA_OPTS=-Xmx…)");
    }
  }
}
