package org.rnnlab.spi;

import java.util.Map;

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
   * Throws {@link org.rnnlab.plugin.InvalidSetting} when a setting does not fit the network whose
   * parameters this will update (e.g. names a matrix it does not have). Called before the run
   * directory exists; the default accepts every layout.
   */
  default void check(ParameterLayout layout) {}

  /**
   * One update step: modifies {@code parameters}; {@code gradients} (same layout) is not modified.
   */
  void update(Parameters parameters, Parameters gradients);

  /**
   * Everything a checkpoint must hold for this optimizer to continue exactly (moments, the update
   * count, …) as named arrays; scalars as arrays of one. Optimizers without state return an empty
   * map.
   */
  default Map<String, double[]> state() {
    return Map.of();
  }

  /** Restores what {@link #state()} returned, before the next {@link #update}. */
  default void restore(Map<String, double[]> state) {}
}
