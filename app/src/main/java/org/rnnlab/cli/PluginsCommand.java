package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.rnnlab.plugin.ComponentRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run plugins}: every component with its settings, types, defaults and descriptions. */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    header = "Lists every setting and every registered component, with where it came from.",
    description = "Lists the top-level settings and every registered component with its settings and origin.")
final class PluginsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--markdown", description = "Prints Markdown tables: the config reference in docs/reference.md.")
  boolean markdown;

  @Option(names = "--built-in", description = "Only the components rnnlab ships (docs/reference.md is"
      + " ./run plugins --markdown --built-in).")
  boolean builtIn;

  @Mixin PluginPath pluginPath;

  private final ComponentRegistry registry;

  @Inject
  PluginsCommand(ComponentRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(new Reference(registry, markdown, builtIn).render());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
