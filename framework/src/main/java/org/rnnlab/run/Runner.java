package org.rnnlab.run;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Binder;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.ConfigNode;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Overrides;
import org.rnnlab.config.Schema;
import org.rnnlab.config.YamlSource;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.Plugins;
import org.rnnlab.spi.Experiment;
import org.rnnlab.spi.Outcome;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.Task;

/**
 * Runs one experiment file: load, override and validate the config (any problem ends here, before
 * a run directory exists), create the run directory, write {@code config.yaml}, {@code
 * overrides.txt}, {@code provenance.yaml} and a {@code summary.yaml} that says "running", run the
 * experiment, close the sinks, and rewrite the summary with the outcome.
 */
public final class Runner {
  /** Exit codes of a run. */
  public static final int EXIT_COMPLETED = 0;

  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_DIVERGED = 3;
  public static final int EXIT_INTERRUPTED = 130;

  private final ComponentRegistry registry;
  private final Plugins plugins;

  @Inject
  Runner(ComponentRegistry registry, Plugins plugins) {
    this.registry = registry;
    this.plugins = plugins;
  }

  /** A config bound and checked, with its resolved form (every default filled). */
  public record LoadedConfig(RunConfig config, Map<String, Object> resolved) {}

  /**
   * Loads {@code file}, applies {@code overrides}, binds and validates the result by building
   * every component once.
   *
   * @throws ConfigException for any problem with the file, an override or a value
   */
  public LoadedConfig load(Path file, String displayName, List<String> overrides) {
    ConfigNode.MapNode root = YamlSource.loadFile(file, displayName);
    if (!root.entries().containsKey("name")) {
      String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9._-]", "_");
      Origin origin = Origin.of("default name (the file's name)");
      root.put("name", origin, new ConfigNode.ScalarNode(stem.replaceFirst("^[.-]+", ""), false, false, origin));
    }
    Overrides.apply(root, overrides);
    RunConfig config = new Binder(registry).bind(RunConfig.class, root, "");
    try {
      Task task = config.task().create();
      RunContext.networkOf(config, task);
      config.experiment().create().check(task);
      config.loss().create().check(task.shape());
      config.clipper().create();
      config.optimizer().create();
      config.sinks().forEach(s -> s.create());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Origin.of(displayName), "", "the settings do not fit together: " + e.getMessage());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> resolved = (Map<String, Object>) Schema.render(config);
    return new LoadedConfig(config, resolved);
  }

  /**
   * Runs {@code invocation} and returns the exit code: 0 completed, 1 failed, 2 bad input, 3
   * diverged, 130 interrupted. Problems with the input are thrown as {@link ConfigException}
   * before anything is written.
   */
  public int run(Invocation invocation, RunConsole console) throws IOException {
    LoadedConfig loaded = load(invocation.config(), invocation.configArgument(), invocation.overrides());
    RunConfig config = loaded.config();
    StopSignal stop = new StopSignal();
    if (invocation.handleSignals()) {
      stop.install();
    }
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    long startNanos = System.nanoTime();
    RunDirectory dir = RunDirectory.create(invocation.runsRoot(), config.name(), LocalDateTime.from(start));
    console.logTo(dir.resolve("run.log"));
    dir.writeAtomically("config.yaml", YamlWriter.write(loaded.resolved()));
    dir.writeAtomically("overrides.txt", invocation.overrides().isEmpty() ? "" : String.join("\n", invocation.overrides()) + "\n");
    Map<String, Object> provenance =
        Provenance.collect(invocation.home(), invocation.commandLine(), plugins.describe(), start);
    dir.writeAtomically("provenance.yaml", YamlWriter.write(provenance));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("status", RunStatus.RUNNING.yamlName());
    summary.put("name", config.name());
    summary.put("experiment", config.experiment().name());
    summary.put("start", start.toString());
    summary.put("pid", ProcessHandle.current().pid());
    dir.writeAtomically("summary.yaml", YamlWriter.write(summary));
    console.println("rnnlab " + Provenance.version() + " · " + config.name() + " → " + dir.path());

    RunContext context = new RunContext(config, dir.path(), console, stop);
    Experiment experiment = config.experiment().create();
    Outcome outcome;
    int exitCode;
    try {
      outcome = experiment.run(context);
      exitCode = exitCode(outcome.status());
    } catch (ConfigException e) {
      outcome = new Outcome(RunStatus.FAILED, e.getMessage(), Map.of());
      exitCode = EXIT_BAD_INPUT;
    } catch (IOException | RuntimeException | Error e) {
      outcome = new Outcome(RunStatus.FAILED, describe(e), Map.of());
      console.logOnly(stackTrace(e));
      exitCode = EXIT_FAILED;
    }
    try {
      context.closeSinks(outcome.status());
    } catch (IOException e) {
      if (outcome.status() == RunStatus.COMPLETED) {
        outcome = new Outcome(RunStatus.FAILED, "closing the metric sinks failed: " + describe(e), outcome.results());
        exitCode = EXIT_FAILED;
      }
      console.logOnly(stackTrace(e));
    }

    OffsetDateTime end = OffsetDateTime.now(ZoneId.systemDefault());
    summary.put("status", outcome.status().yamlName());
    summary.put("message", outcome.message());
    summary.put("end", end.toString());
    summary.put("wall_seconds", round(Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0));
    summary.put("metric_rows", context.rowsWritten());
    summary.putAll(outcome.results());
    dir.writeAtomically("summary.yaml", YamlWriter.write(summary));
    provenance.put("end", end.toString());
    dir.writeAtomically("provenance.yaml", YamlWriter.write(provenance));
    String message = outcome.message().isEmpty() ? "" : ": " + outcome.message();
    console.println(outcome.status().yamlName() + message + " (" + dir.path() + ")");
    return exitCode;
  }

  static int exitCode(RunStatus status) {
    return switch (status) {
      case COMPLETED -> EXIT_COMPLETED;
      case DIVERGED -> EXIT_DIVERGED;
      case INTERRUPTED -> EXIT_INTERRUPTED;
      case FAILED, RUNNING -> EXIT_FAILED;
    };
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + " (details in run.log)";
  }

  private static String stackTrace(Throwable e) {
    StringWriter s = new StringWriter();
    e.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
