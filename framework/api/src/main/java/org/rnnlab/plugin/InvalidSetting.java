package org.rnnlab.plugin;

import java.util.List;

/**
 * Thrown by a settings record's constructor (or a component's check) when a value breaks a rule:
 * the config error names the value's origin. For a rule over several settings, name them all
 * (the offending one first): the error blames the one a command-line override set, if any, else
 * the first that the config file gives.
 */
public final class InvalidSetting extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> keys;

  /**
   * @param key the setting's key in the record (e.g. {@code checkpoint_every})
   * @param problem what was expected, e.g. "expected a multiple of log_every (100), got 150"
   */
  public InvalidSetting(String key, String problem) {
    this(List.of(key), problem);
  }

  /**
   * @param keys the settings the rule involves (e.g. {@code checkpoint_every} and {@code log_every})
   * @param problem what was expected
   */
  public InvalidSetting(List<String> keys, String problem) {
    super(problem);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("an invalid setting names at least one key");
    }
    this.keys = List.copyOf(keys);
  }

  /** The first key named. */
  public String key() {
    return keys.get(0);
  }

  /** Every key named, the offending one first. */
  public List<String> keys() {
    return keys;
  }
}
