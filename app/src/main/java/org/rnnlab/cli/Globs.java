package org.rnnlab.cli;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;

/** Shell-style globs given on the command line. */
final class Globs {
  private Globs() {}

  /**
   * A matcher for {@code glob}.
   *
   * @throws ConfigException naming {@code where} when it is not a valid glob
   */
  static PathMatcher matcher(String glob, String where) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) { // PatternSyntaxException among them
      String reason = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
      throw new ConfigException(Origin.of(where), "", "'" + glob + "' is not a valid glob (" + reason
          + "); * matches any name, ? one character, [ab] one of a or b, {x,y} x or y");
    }
  }
}
