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

  /** See {@link Text#abbreviated}. */
  static String abbreviated(String text, int limit, int head, int tail) {
    return Text.abbreviated(text, limit, head, tail);
  }

  /** One line, every part inert and bounded: a file name, a key or a value may be anything a user typed. */
  private static String format(Origin origin, String key, String problem) {
    StringBuilder s = new StringBuilder();
    if (origin != null) {
      s.append(Text.line(origin.toString(), 300)).append(": ");
    }
    if (key != null && !key.isEmpty()) {
      s.append(Text.line(key, 120)).append(": ");
    }
    return s.append(Text.line(problem == null ? "" : problem.replaceAll("\\s*\\R\\s*", " "), 2000)).toString();
  }
}
