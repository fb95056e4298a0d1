package org.rnnlab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.KeyNames;
import org.rnnlab.config.Origin;

/** The points of a sweep: the grid of its axes, the last axis varying fastest. */
public final class SweepPlan {
  /** The most points a sweep may have. */
  static final int MAX_POINTS = 10_000;

  /**
   * One point.
   *
   * @param index from 1
   * @param overrides the axis values as {@code key=value}, in axis order
   * @param label the values for people, e.g. {@code learning_rate=0.01 seed=2}
   * @param directoryName its directory in the sweep's, e.g. {@code 03_learning_rate=0.01_seed=2}
   */
  public record Point(int index, List<String> overrides, String label, String directoryName) {}

  private SweepPlan() {}

  /** A point's label from its axis values: {@code learning_rate=0.01 seed=2}, each key as short as tells it apart. */
  public static String label(List<String> overrides) {
    List<String> keys = overrides.stream().map(o -> o.substring(0, o.indexOf('='))).toList();
    List<String> label = new ArrayList<>();
    for (int a = 0; a < overrides.size(); a++) {
      label.add(KeyNames.shortest(keys.get(a), keys) + overrides.get(a).substring(keys.get(a).length()));
    }
    return String.join(" ", label);
  }

  public static List<Point> points(List<SweepAxes.Axis> axes) {
    long total = 1;
    for (SweepAxes.Axis a : axes) {
      total *= a.values().size();
      if (total > MAX_POINTS) {
        throw new ConfigException(Origin.of("--sweep"), "", "more than " + MAX_POINTS + " points; a sweep may have at"
            + " most " + MAX_POINTS);
      }
    }
    List<String> keys = axes.stream().map(SweepAxes.Axis::key).toList();
    int width = Long.toString(total).length();
    List<Point> points = new ArrayList<>();
    for (int n = 0; n < total; n++) {
      int[] choice = new int[axes.size()];
      int rest = n;
      for (int a = axes.size() - 1; a >= 0; a--) {
        choice[a] = rest % axes.get(a).values().size();
        rest /= axes.get(a).values().size();
      }
      List<String> overrides = new ArrayList<>();
      for (int a = 0; a < axes.size(); a++) {
        overrides.add(keys.get(a) + "=" + axes.get(a).values().get(choice[a]));
      }
      String text = label(overrides);
      String dir = String.format(Locale.ROOT, "%0" + width + "d_", n + 1)
          + text.replace(' ', '_').replaceAll("[^A-Za-z0-9._=-]", "_");
      points.add(new Point(n + 1, overrides, text, dir.length() > 120 ? dir.substring(0, 120) : dir));
    }
    return points;
  }
}
