package org.rnnlab.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import picocli.CommandLine.Option;

/**
 * Where {@code ./run} looks for plugin jars besides its own class path: {@code plugins.d/} of the
 * checkout, {@code ~/.rnnlab/plugins}, the directories and jars in {@code $RNNLAB_PLUGIN_PATH},
 * and those given with {@code --plugin-path} (each a list separated by ':'). The defaults may be
 * missing; a directory or jar named explicitly must exist.
 */
final class PluginPath {
  static final String OPTION = "--plugin-path";
  static final String VARIABLE = "RNNLAB_PLUGIN_PATH";

  /** Declared on every command so that --help shows it; its values are read before parsing ({@link #of}). */
  @Option(names = OPTION, paramLabel = "DIRS", description = "More plugin jars: directories of jars or jar files,"
      + " separated by ':' (also $" + VARIABLE + "; plugins.d/ and ~/.rnnlab/plugins are always searched).")
  List<String> values = new ArrayList<>();

  PluginPath() {}

  /**
   * The plugin path of a command line: the defaults, the environment, then the option's values.
   *
   * @throws ConfigException for an explicitly named entry that does not exist
   */
  static List<Path> of(String[] args, Path home, String environment) {
    List<Path> path = new ArrayList<>();
    if (home != null) {
      path.add(home.resolve("plugins.d"));
    }
    String userHome = System.getProperty("user.home");
    if (userHome != null && !userHome.isBlank()) {
      path.add(Path.of(userHome, ".rnnlab", "plugins"));
    }
    List<String> explicit = new ArrayList<>();
    if (environment != null && !environment.isBlank()) {
      explicit.add(environment);
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      String value = args[i].equals(OPTION) && i + 1 < args.length ? args[++i]
          : args[i].startsWith(OPTION + "=") ? args[i].substring(OPTION.length() + 1) : null;
      if (value != null && value.isBlank()) {
        throw new ConfigException(Origin.of(OPTION), "", "an empty path; expected directories of jars or jar files,"
            + " separated by ':'");
      }
      if (value != null) {
        explicit.add(value);
      }
    }
    for (String list : explicit) {
      for (String entry : list.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        Path p;
        try {
          p = Path.of(entry);
        } catch (InvalidPathException e) {
          throw new ConfigException(Origin.of(OPTION), "", "'" + entry + "' is not a valid path");
        }
        if (!Files.exists(p)) {
          throw new ConfigException(Origin.of(entry), "", "no such plugin directory or jar (from " + OPTION + " or $"
              + VARIABLE + ")");
        }
        path.add(p);
      }
    }
    return path;
  }
}
