package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.run.Invocation;
import org.rnnlab.run.Provenance;
import org.rnnlab.run.RunConsole;
import org.rnnlab.run.Runner;
import org.rnnlab.run.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run <config.yaml> [key=value …]}: runs an experiment file into a new run directory. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = RunCommand.Version.class,
    sortOptions = false,
    subcommands = {PluginsCommand.class, ListCommand.class, CompareCommand.class, ResumeCommand.class,
      EvalCommand.class},
    description = {
      "Runs an experiment file and archives it in a new run directory under runs/.",
      "",
      "  ./run configs/memory.yaml",
      "  ./run configs/memory.yaml optimizer.learning_rate=0.003 seed=7",
      "  ./run configs/memory.yaml --sweep optimizer.learning_rate=0.003,0.01,0.03 seed=1..5",
      "",
      "Other commands: plugins, list, compare, resume, eval (each with --help).",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 completed, 1 failed, 2 bad input (config, override, path), 3 diverged, 130 interrupted.",
      "Every setting and component: ./run plugins"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "the experiment file (YAML)")
  String config;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
      description = "overrides applied in order, e.g. network.hidden=100 sinks=[csv]; values are YAML")
  List<String> overrides = new ArrayList<>();

  @Mixin RunsDirectory runs;

  @Option(names = "--sweep", arity = "1..*", paramLabel = "KEY=VALUES",
      description = "run a grid: key=v1,v2,… or key=a..b[:step] per axis, e.g. --sweep optimizer.learning_rate="
          + "0.003,0.01 seed=1..5 (every point is validated first; put plain overrides before --sweep)")
  List<String> sweep = new ArrayList<>();

  @Option(names = "--jobs", paramLabel = "N", description = "sweep points run at a time (default: the number of cores)")
  int jobs = Runtime.getRuntime().availableProcessors();

  private final Runner runner;

  @Inject
  RunCommand(Runner runner) {
    this.runner = runner;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (config == null) {
      spec.commandLine().usage(spec.commandLine().getErr());
      return Runner.EXIT_BAD_INPUT;
    }
    Path home = home();
    Path file;
    try {
      file = Path.of(config);
    } catch (InvalidPathException e) {
      err.println("rnnlab: " + config + ": not a valid path");
      return Runner.EXIT_BAD_INPUT;
    }
    Path root = runs.resolve();
    List<String> commandLine = new ArrayList<>();
    commandLine.add("./run");
    commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
    Invocation invocation = new Invocation(file, config, overrides, root, home, commandLine, true);
    try (RunConsole console = console(spec)) {
      if (!sweep.isEmpty()) {
        return runner.sweep(invocation, Sweep.parse(sweep), jobs, console);
      }
      return runner.run(invocation, console);
    } catch (IOException e) {
      err.println("rnnlab: cannot write the run directory: " + e.getMessage());
      return Runner.EXIT_FAILED;
    }
  }

  /** The console of a run started from the command line: progress in place on a terminal. */
  static RunConsole console(CommandSpec spec) {
    return new RunConsole(spec.commandLine().getOut(), System.console() != null && !Boolean.getBoolean("rnnlab.plain"));
  }

  /** The rnnlab checkout the launcher runs from ({@code -Drnnlab.home}), or null. */
  static Path home() {
    String home = System.getProperty("rnnlab.home");
    return home == null || home.isBlank() ? null : Path.of(home);
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rnnlab " + Provenance.version(), "Java " + System.getProperty("java.runtime.version")};
    }
  }
}
