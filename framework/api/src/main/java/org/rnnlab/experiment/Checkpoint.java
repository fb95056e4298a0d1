package org.rnnlab.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run needs to continue exactly where it stopped: named arrays of doubles and named
 * numbers (parameters, optimizer moments, random-generator states, the step, …).
 *
 * <p>A plain container: the run stores it (see {@code org.rnnlab.store.CheckpointFile} for the
 * format on disk). Experiments keep their own named record of what they save and convert it to
 * and from this.
 */
public final class Checkpoint {
  private final Map<String, double[]> arrays = new LinkedHashMap<>();
  private final Map<String, Long> longs = new LinkedHashMap<>();
  private final Map<String, Double> doubles = new LinkedHashMap<>();
  private final Map<String, String> strings = new LinkedHashMap<>();

  public Checkpoint putArray(String key, double[] values) {
    arrays.put(key, values.clone());
    return this;
  }

  public Checkpoint putLong(String key, long value) {
    longs.put(key, value);
    return this;
  }

  public Checkpoint putDouble(String key, double value) {
    doubles.put(key, value);
    return this;
  }

  public Checkpoint putString(String key, String value) {
    strings.put(key, java.util.Objects.requireNonNull(value));
    return this;
  }

  /** Stores every entry of {@code state} as an array under {@code prefix + key}. */
  public Checkpoint putArrays(String prefix, Map<String, double[]> state) {
    state.forEach((key, value) -> putArray(prefix + key, value));
    return this;
  }

  public double[] array(String key) {
    return require(arrays, key).clone();
  }

  public long getLong(String key) {
    return require(longs, key);
  }

  public double getDouble(String key) {
    return require(doubles, key);
  }

  public String getString(String key) {
    return require(strings, key);
  }

  /** The arrays stored under {@code prefix}, keyed without it. */
  public Map<String, double[]> arrays(String prefix) {
    Map<String, double[]> out = new LinkedHashMap<>();
    arrays.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        out.put(key.substring(prefix.length()), value.clone());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  public boolean has(String key) {
    return arrays.containsKey(key) || longs.containsKey(key) || doubles.containsKey(key) || strings.containsKey(key);
  }

  private static <V> V require(Map<String, V> map, String key) {
    V value = map.get(key);
    if (value == null) {
      throw new IllegalStateException("the checkpoint has no entry " + key);
    }
    return value;
  }

  /** The arrays by key, in the order put (each array as stored; do not modify). */
  public Map<String, double[]> arrays() {
    return Collections.unmodifiableMap(arrays);
  }

  /** The whole numbers by key, in the order put. */
  public Map<String, Long> longs() {
    return Collections.unmodifiableMap(longs);
  }

  /** The other numbers by key, in the order put. */
  public Map<String, Double> doubles() {
    return Collections.unmodifiableMap(doubles);
  }

  /** The texts by key, in the order put. */
  public Map<String, String> strings() {
    return Collections.unmodifiableMap(strings);
  }
}
