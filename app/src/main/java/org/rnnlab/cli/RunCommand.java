package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.run.ConfigLoader;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.Invocation;
import org.rnnlab.run.RunConsole;
import org.rnnlab.run.RunStarter;
import org.rnnlab.run.StopSignal;
import org.rnnlab.store.Provenance;
import org.rnnlab.sweep.SweepAxes;
import org.rnnlab.sweep.SweepRunner;
import org.rnnlab.sweep.SweepSection;
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
      EvalCommand.class, SampleCommand.class, TagCommand.class, NoteCommand.class, ServeCommand.class,
      SweepPointCommand.class},
    description = {
      "Runs an experiment file and archives it in a new run directory under runs/.",
      "",
      "  ./run configs/memory.yaml",
      "  ./run configs/memory.yaml optimizer.learning_rate=0.003 seed=7",
      "  ./run configs/memory.yaml --sweep optimizer.learning_rate=0.003,0.01,0.03 seed=1..5",
      "  ./run configs/studies/memory-map.yaml        (a file with a sweep: section runs its grid)",
      "  ./run configs/memory.yaml --sweep seed=1..20 --launcher slurm --slurm time=00:30:00,array_parallelism=10",
      "",
      "Other commands: plugins, list, compare, resume, eval, sample, tag, note, serve (each with --help).",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 completed, 1 failed, 2 bad input (config, override, path, plugin), 3 diverged, 130 interrupted.",
      "Every setting and component: ./run plugins"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "The experiment file (YAML).")
  String config;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
      description = "Overrides applied in order, e.g. network.hidden=100 sinks=[console]; values are YAML.")
  List<String> overrides = new ArrayList<>();

  @Mixin RunsDirectory runs;

  @Option(names = "--sweep", arity = "1..*", paramLabel = "KEY=VALUES",
      description = "Runs a grid: key=v1,v2,… or key=a..b[:step] per axis, e.g. --sweep optimizer.learning_rate="
          + "0.003,0.01 seed=1..5. Every point is validated first. A key with one value is an override of every point.")
  List<String> sweep = new ArrayList<>();

  @Option(names = "--jobs", paramLabel = "N",
      description = "Sweep points run at a time (default: the number of cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Mixin LauncherOptions launcherOptions;

  @Mixin PluginPath pluginPath;

  private final ConfigLoader loader;
  private final RunStarter starter;
  private final SweepRunner sweeps;

  @Inject
  RunCommand(ConfigLoader loader, RunStarter starter, SweepRunner sweeps) {
    this.loader = loader;
    this.starter = starter;
    this.sweeps = sweeps;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (config == null) {
      spec.commandLine().usage(spec.commandLine().getErr());
      return ExitCodes.BAD_INPUT;
    }
    Path file;
    try {
      file = Path.of(config);
    } catch (InvalidPathException e) {
      err.println("rnnlab: " + config + ": not a valid path");
      return ExitCodes.BAD_INPUT;
    }
    List<String> commandLine = new ArrayList<>();
    commandLine.add("./run");
    commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
    Invocation invocation = new Invocation(file, config, overrides, runs.resolve(), home(), commandLine, true);
    try (RunConsole console = console(spec)) {
      SweepSection section = SweepSection.read(loader, file, config, overrides);
      SweepAxes given = sweep.isEmpty() ? null : SweepAxes.parse(sweep, section.axes().isEmpty());
      SweepAxes axes = section.combine(given, overrides, console::println);
      if (axes == null && given != null) { // every axis fixed: --sweep's one-valued keys still apply
        List<String> all = new ArrayList<>(overrides);
        all.addAll(given.overrides());
        invocation = new Invocation(file, config, all, runs.resolve(), home(), commandLine, true);
      }
      if (axes != null) {
        return sweeps.run(invocation, axes, section.map(), jobs, launcherOptions.arguments(),
            launcherOptions.waitForPoints, console);
      }
      if (launcherOptions.given()) {
        throw new ConfigException(Origin.of("--launcher"), "", "--launcher, --slurm and --wait are for sweeps"
            + " (--sweep key=v1,v2,…); a single run runs here");
      }
      var loaded = loader.load(invocation.config(), invocation.configArgument(), invocation.overrides());
      return starter.start(loaded, invocation, console, StopSignal.forInvocation(true));
    } catch (IOException e) {
      err.println("rnnlab: cannot write the run directory: " + e.getMessage());
      return ExitCodes.FAILED;
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
