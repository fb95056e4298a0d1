package org.rnnlab.spi;

import org.rnnlab.nn.Parameters;

/**
 * Applies gradients to parameters. Chosen by {@code optimizer}. One instance serves one network
 * for a whole run and may keep state (moments, a step count) sized on the first call.
 */
public interface Optimizer {

  /**
   * Called once before the first update with the number of updates the experiment plans (e.g. for
   * a learning-rate decay that should end with training). Optional.
   */
  default void plan(long plannedUpdates) {}

  /**
   * One update step: modifies {@code parameters}; {@code gradients} (same layout) is not modified.
   */
  void update(Parameters parameters, Parameters gradients);
}
