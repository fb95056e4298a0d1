package org.rnnlab.sweep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Overrides;

/**
 * The {@code --sweep} arguments read: {@code key=v1,v2,…} (values split at top-level commas; commas
 * inside brackets or braces belong to a YAML value) and {@code key=a..b} or {@code key=a..b:step}
 * (integers, inclusive). An argument with a single value is no axis: it is an override of every
 * point (so {@code --sweep seed=1..3 network.hidden=100} sweeps the seed with H = 100), and the
 * command says so.
 *
 * @param axes the axes, in the order given (the last varies fastest)
 * @param overrides the single-valued arguments, applied to every point after the command's own
 *     overrides
 */
public record SweepAxes(List<Axis> axes, List<String> overrides) {

  /** The most values a range a..b may give. */
  static final int MAX_RANGE_VALUES = 10_000;

  /** An integer range: {@code a..b} or {@code a..b:step}. */
  static final String RANGE = "-?[0-9]+\\.\\.-?[0-9]+(:[0-9]+)?";

  /**
   * One axis of the grid: a key and its values (YAML text each).
   *
   * @param origins where each value was written in an experiment file's sweep section, in the
   *     order of the values; empty for an axis of {@code --sweep}
   */
  public record Axis(String key, List<String> values, List<Origin> origins) {
    public Axis {
      values = List.copyOf(values);
      origins = List.copyOf(origins);
      if (!origins.isEmpty() && origins.size() != values.size()) {
        throw new IllegalArgumentException(values.size() + " values, " + origins.size() + " origins");
      }
    }

    /** An axis of {@code --sweep}. */
    public Axis(String key, List<String> values) {
      this(key, values, List.of());
    }

    /** Where {@code value} was written, or null (not in a file, or not a value of this axis). */
    public Origin origin(String value) {
      int at = values.indexOf(value);
      return at < 0 || origins.isEmpty() ? null : origins.get(at);
    }
  }

  public SweepAxes {
    axes = List.copyOf(axes);
    overrides = List.copyOf(overrides);
  }

  /** Reads the arguments of {@code --sweep}, of which at least one must be an axis. */
  public static SweepAxes parse(List<String> specs) {
    return parse(specs, true);
  }

  /**
   * Reads the arguments of {@code --sweep}.
   *
   * @param needAxis true when they must give an axis (false when the experiment file's sweep
   *     section has its own)
   */
  public static SweepAxes parse(List<String> specs, boolean needAxis) {
    List<Axis> axes = new ArrayList<>();
    List<String> overrides = new ArrayList<>();
    for (String spec : specs) {
      Origin origin = Origin.of("--sweep '" + spec + "'");
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new ConfigException(origin, "", "expected key=v1,v2,… or key=a..b, e.g. seed=1..5");
      }
      String key = spec.substring(0, eq).strip(), text = spec.substring(eq + 1).strip();
      if (axes.stream().anyMatch(a -> a.key().equals(key))) {
        throw new ConfigException(origin, key, "swept twice");
      }
      List<String> values = text.matches(RANGE) ? range(text, origin, key) : Overrides.splitTopLevel(text);
      if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
        throw new ConfigException(origin, key, "an empty value; expected key=v1,v2,…");
      }
      if (values.stream().distinct().count() < values.size()) {
        throw new ConfigException(origin, key, "a value given twice; an axis takes each value once");
      }
      if (values.size() == 1) {
        overrides.add(key + "=" + values.get(0));
      } else {
        axes.add(new Axis(key, values));
      }
    }
    if (axes.isEmpty() && needAxis) {
      throw new ConfigException(Origin.of("--sweep"), "", "no axis with two or more values; expected key=v1,v2,… or"
          + " key=a..b (a single value is a plain override: give it without --sweep)");
    }
    return new SweepAxes(axes, overrides);
  }

  static List<String> range(String text, Origin origin, String key) {
    String[] bounds = text.split("\\.\\.|:");
    BigInteger from = new BigInteger(bounds[0]), to = new BigInteger(bounds[1]);
    BigInteger step = bounds.length > 2 ? new BigInteger(bounds[2]) : BigInteger.ONE;
    if (step.signum() < 1 || to.compareTo(from) < 0
        || to.subtract(from).divide(step).compareTo(BigInteger.valueOf(MAX_RANGE_VALUES)) >= 0) {
      throw new ConfigException(origin, key,
          "a range a..b[:step] needs a ≤ b, step ≥ 1 and at most " + MAX_RANGE_VALUES + " values");
    }
    List<String> values = new ArrayList<>();
    for (BigInteger v = from; v.compareTo(to) <= 0; v = v.add(step)) {
      values.add(v.toString());
    }
    return values;
  }
}
