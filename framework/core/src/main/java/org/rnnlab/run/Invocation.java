package org.rnnlab.run;

import java.nio.file.Path;
import java.util.List;

/**
 * One request to run an experiment file.
 *
 * @param config the experiment file
 * @param configArgument the file as the user typed it (for messages)
 * @param overrides {@code key.path=value} overrides, applied in order
 * @param runsRoot where run directories are created
 * @param home the rnnlab checkout (for provenance), or null
 * @param commandLine the command as given, for provenance
 * @param handleSignals true to turn Ctrl-C into a clean stop (the command line does; tests don't)
 */
public record Invocation(Path config, String configArgument, List<String> overrides, Path runsRoot, Path home,
    List<String> commandLine, boolean handleSignals) {
  public Invocation {
    overrides = List.copyOf(overrides);
    commandLine = List.copyOf(commandLine);
  }
}
