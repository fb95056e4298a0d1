package org.rnnlab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --runs-dir} option every command that reads or writes the archive takes. */
final class RunsDirectory {
  @Option(names = "--runs-dir", paramLabel = "DIR",
      description = "The archive of run directories (default: runs/ of the rnnlab checkout).")
  Path runsDir;

  /** The archive: --runs-dir, else runs/ of the checkout the launcher runs from, else ./runs. */
  Path resolve() {
    if (runsDir != null) {
      if (runsDir.toString().isBlank()) {
        throw new org.rnnlab.config.ConfigException(org.rnnlab.config.Origin.of("--runs-dir"), "",
            "an empty path; expected the directory of the archive, e.g. --runs-dir runs");
      }
      return runsDir;
    }
    Path home = RunCommand.home();
    return home != null ? home.resolve("runs") : Path.of("runs");
  }
}
