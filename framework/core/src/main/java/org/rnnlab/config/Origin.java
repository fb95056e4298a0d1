package org.rnnlab.config;

/**
 * Where a config value came from: a file position (1-based line and column), a command-line
 * override, or a built-in default. Printed at the start of every config error.
 *
 * @param source the file as the user named it, or a description such as {@code override
 *     'seed=x'}
 * @param line 1-based, or 0 when the source has no lines
 * @param column 1-based, or 0
 */
public record Origin(String source, int line, int column) {

  public static Origin of(String source) {
    return new Origin(source, 0, 0);
  }

  /** The origin of a command-line override {@code key=value} (its text abbreviated). */
  public static Origin override(String text) {
    return of(OVERRIDE + ConfigException.abbreviated(text, 200, 120, 60) + "'");
  }

  /** Whether the value was typed on the command line (so a relative path in it is the shell's). */
  public boolean isOverride() {
    return line == 0 && source.startsWith(OVERRIDE);
  }

  private static final String OVERRIDE = "override '";

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }
}
