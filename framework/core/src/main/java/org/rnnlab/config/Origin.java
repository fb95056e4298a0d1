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

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }
}
