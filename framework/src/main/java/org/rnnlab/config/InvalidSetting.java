package org.rnnlab.config;

/**
 * Thrown by a settings record's constructor when one setting's value is not allowed, typically
 * in relation to another: the binder reports it at that setting's place in the file or override.
 * A plain {@link IllegalArgumentException} is reported at the enclosing mapping.
 */
public final class InvalidSetting extends IllegalArgumentException {
  private final String key;

  /**
   * @param key the setting's YAML key within its record, e.g. {@code checkpoint_every}
   * @param problem what is wrong and what is allowed, e.g. "expected a multiple of log_every (100), got 150"
   */
  public InvalidSetting(String key, String problem) {
    super(problem);
    this.key = key;
  }

  /** The setting's YAML key within its record. */
  public String key() {
    return key;
  }
}
