package org.rnnlab.sweep;

import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;

/**
 * The {@code map} of a sweep section: a heatmap of the final test accuracy over two of the sweep's
 * axes, one per combination of the other axes (the seeds averaged), and the time each point took to
 * reach a test accuracy. See {@link SweepMapReport}.
 *
 * @param x the axis across the map (its columns)
 * @param y the axis up the map (its rows)
 * @param reach the test accuracy the table times (the first evaluation at or above it)
 */
public record MapSettings(
    @Setting("the swept key across the map (its columns), e.g. task.delay")
    String x,
    @Setting("the swept key up the map (its rows), e.g. task.length")
    String y,
    @Setting(value = "the test accuracy the table times: the training time to the first evaluation at or above it",
        defaultValue = "0.99", min = 0, max = 1)
    double reach) {

  /** The key of the map inside the sweep section. */
  public static final String KEY = "map";

  public MapSettings {
    if (x.equals(y)) {
      throw new InvalidSetting("y", "the map needs two different axes; x and y are both " + x);
    }
  }
}
