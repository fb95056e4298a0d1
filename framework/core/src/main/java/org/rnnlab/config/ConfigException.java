package org.rnnlab.config;

/**
 * A problem with user input (a config file, an override, a path): reported as one line,
 * {@code origin: key: problem}, and exit code 2, never as a stack trace.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Origin origin;
  private final String key;
  private final String problem;

  /**
   * @param origin where the offending value came from (may be null when unknown)
   * @param key the dotted key path (may be empty for the whole document)
   * @param problem what was expected and what is allowed
   */
  public ConfigException(Origin origin, String key, String problem) {
    super(format(origin, key, problem), null, false, false);
    this.origin = origin;
    this.key = key;
    this.problem = problem;
  }

  public Origin origin() {
    return origin;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }

  /**
   * {@code text} as a message quotes it, so that one line stays readable: whole up to {@code
   * limit} characters, else its first {@code head} and last {@code tail} characters around a count
   * of the rest.
   */
  static String abbreviated(String text, int limit, int head, int tail) {
    if (text.length() <= limit) {
      return text;
    }
    return text.substring(0, head) + "…[" + (text.length() - head - tail) + " more characters]"
        + (tail > 0 ? "…" + text.substring(text.length() - tail) : "");
  }

  private static String format(Origin origin, String key, String problem) {
    StringBuilder s = new StringBuilder();
    if (origin != null) {
      s.append(origin).append(": ");
    }
    if (key != null && !key.isEmpty()) {
      s.append(key).append(": ");
    }
    return s.append(problem).toString();
  }
}
