package org.rnnlab.run;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.archive.MetricsTable;
import org.rnnlab.checkpoint.Checkpoint;
import org.rnnlab.config.Binder;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.ConfigNode;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Overrides;
import org.rnnlab.config.Schema;
import org.rnnlab.config.YamlSource;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.nn.TestSet;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.Plugins;
import org.rnnlab.spi.Experiment;
import org.rnnlab.spi.MetricRow;
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
      Network.layout(config.network().cell().create(), task.shape(), config.network().hidden()); // no allocation
      config.experiment().create().check(task);
      config.loss().create().check(task.shape());
      config.clipper().create();
      config.optimizer().create();
      config.sinks().forEach(s -> s.create());
      checkSinksOnce(config, root);
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
    StopSignal stop = StopSignal.forInvocation(invocation.handleSignals());
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    RunDirectory dir = RunDirectory.create(invocation.runsRoot(), loaded.config().name(), LocalDateTime.from(start));
    return start(dir, loaded, invocation, console, stop, start);
  }

  /**
   * Runs a config that is already loaded and validated in a directory that was just made for it
   * (a sweep's point, say). Writes config, overrides, provenance and a "running" summary first.
   */
  public int start(RunDirectory dir, LoadedConfig loaded, Invocation invocation, RunConsole console, StopSignal stop,
      OffsetDateTime start) throws IOException {
    long startNanos = System.nanoTime();
    RunConfig config = loaded.config();
    Map<String, Object> provenance =
        Provenance.collect(invocation.home(), invocation.commandLine(), plugins.describe(), start);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("status", RunStatus.RUNNING.yamlName());
    summary.put("name", config.name());
    summary.put("experiment", config.experiment().name());
    summary.put("start", start.toString());
    RunLiveness.record(summary);
    RunLock lock = null;
    try {
      lock = RunLock.tryAcquire(dir.path()); // a new directory: nobody else has it
      console.logTo(dir.resolve("run.log"));
      dir.writeAtomically("config.yaml", YamlWriter.write(loaded.resolved()));
      dir.writeAtomically("overrides.txt",
          invocation.overrides().isEmpty() ? "" : String.join("\n", invocation.overrides()) + "\n");
      dir.writeAtomically("provenance.yaml", YamlWriter.write(provenance));
      dir.writeAtomically("summary.yaml", YamlWriter.write(summary));
    } catch (IOException e) {
      console.close();
      if (lock != null) {
        lock.close();
      }
      dir.deleteQuietly(); // no half-written directory: nothing ran
      throw new ConfigException(Origin.of(dir.path().getParent().toString()), "",
          "cannot write a run directory here: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    console.println("rnnlab " + Provenance.version() + " · " + config.name() + " → " + dir.path());
    RunContext context = new RunContext(config, dir.path(), console, stop, null, List.of());
    try (RunLock held = lock) {
      return execute(dir, config, context, summary, provenance, console, startNanos, 0);
    }
  }

  /**
   * Runs the grid of {@code axes} over {@code invocation}'s config, {@code jobs} points at a time;
   * see {@link Sweep}.
   */
  public int sweep(Invocation invocation, List<Sweep.Axis> axes, int jobs, RunConsole console) throws IOException {
    return Sweep.run(this, invocation, axes, jobs, console);
  }

  /**
   * Continues an interrupted or killed run from its latest checkpoint, in its own directory: the
   * rows of {@code metrics.csv} after the checkpoint are dropped, the experiment restores its
   * state and goes on, appending.
   *
   * @throws ConfigException when the directory is not a run, has completed, is still running, or
   *     has no usable checkpoint
   */
  public int resume(Path runDirectory, Invocation invocation, RunConsole console) throws IOException {
    RunDirectory dir = RunDirectory.existing(runDirectory);
    Origin where = Origin.of(runDirectory.toString());
    RunLock lock;
    try {
      lock = RunLock.tryAcquire(dir.path());
    } catch (IOException e) {
      throw new ConfigException(where, "", "cannot lock the run directory: " + e.getMessage());
    }
    if (lock == null) {
      throw new ConfigException(where, "", "the run is still running (pid "
          + readYaml(dir.resolve("summary.yaml"), where).get("pid") + ")");
    }
    try (RunLock held = lock) {
      // Read under the lock: a run that was just finishing has written its final summary by now.
      return resumeLocked(dir, where, new LinkedHashMap<>(readYaml(dir.resolve("summary.yaml"), where)), invocation,
          console);
    }
  }

  private int resumeLocked(RunDirectory dir, Origin where, Map<String, Object> summary, Invocation invocation,
      RunConsole console) throws IOException {
    if (String.valueOf(summary.get("status")).equals(RunStatus.COMPLETED.yamlName())) {
      throw new ConfigException(where, "", "the run has completed; there is nothing to resume");
    }
    if (RunLiveness.runningOnAnotherHost(summary, dir.path())) {
      throw new ConfigException(where, "", "the run is still running on " + summary.get("host") + " (pid "
          + summary.get("pid") + "; its heartbeat is fresh)");
    }
    Path checkpointFile = dir.resolve(RunDirectory.CHECKPOINT);
    if (!Files.exists(checkpointFile)) {
      throw new ConfigException(where, "", "no checkpoint to resume from (the run stopped before its first one;"
          + " see experiment.checkpoint_every)");
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.read(checkpointFile);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "cannot resume: " + e.getMessage());
    }
    LoadedConfig loaded = load(dir.resolve("config.yaml"), dir.resolve("config.yaml").toString(), List.of());
    Path metrics = dir.resolve(MetricsTable.FILE);
    MetricsTable table = Files.exists(metrics) ? MetricsTable.read(metrics) : null;
    checkResumable(loaded.config(), checkpoint, table, Origin.of(checkpointFile.toString()));
    StopSignal stop = StopSignal.forInvocation(invocation.handleSignals());
    long startNanos = System.nanoTime();
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    long step = checkpoint.getLong("step");
    List<MetricRow> earlier = List.of();
    if (table != null) {
      earlier = table.rowsUpTo(step);
      MetricsTable.write(metrics, table.columns(), earlier);
    }
    console.appendLogTo(dir.resolve("run.log"));
    Map<String, Object> provenance = new LinkedHashMap<>(readYaml(dir.resolve("provenance.yaml"), where));
    List<Object> resumes = new ArrayList<>(provenance.get("resumes") instanceof List<?> l ? l : List.of());
    resumes.add(Map.of("start", start.toString(), "from_step", step, "command_line",
        String.join(" ", invocation.commandLine())));
    provenance.put("resumes", resumes);
    dir.writeAtomically("provenance.yaml", YamlWriter.write(provenance));
    double earlierWall = summary.get("wall_seconds") instanceof Number n ? n.doubleValue() : 0;
    summary.put("status", RunStatus.RUNNING.yamlName());
    RunLiveness.record(summary);
    summary.put("resumed_from_step", step);
    dir.writeAtomically("summary.yaml", YamlWriter.write(summary));
    console.println("rnnlab " + Provenance.version() + " · resuming " + loaded.config().name() + " at step " + step
        + " → " + dir.path());
    RunContext context = new RunContext(loaded.config(), dir.path(), console, stop, checkpoint, earlier);
    return execute(dir, loaded.config(), context, summary, provenance, console, startNanos, earlierWall);
  }

  /** Each sink writes its own files (metrics.csv, loss.png, …): a second of a kind would clash. */
  private static void checkSinksOnce(RunConfig config, ConfigNode.MapNode root) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < config.sinks().size(); i++) {
      String name = config.sinks().get(i).name();
      if (!seen.add(name)) {
        ConfigNode sinks = root.entries().get("sinks");
        Origin at = sinks instanceof ConfigNode.ListNode list && i < list.items().size() ? list.items().get(i).origin()
            : Origin.of("sinks");
        throw new ConfigException(at, "sinks." + i,
            name + " is listed twice; each sink writes its own files, so list a sink once");
      }
    }
  }

  /**
   * Refuses, before anything changes, a checkpoint this build cannot continue: one the experiment
   * does not read (another version), or whose network does not match the run's config.
   */
  private static void checkResumable(RunConfig config, Checkpoint checkpoint, MetricsTable table, Origin where) {
    try {
      config.experiment().create().checkResume(checkpoint, table == null ? List.of() : table.columns());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where, "", "cannot resume: " + e.getMessage());
    }
    if (checkpoint.has("parameters")) {
      Task task = config.task().create();
      int needed = Network.layout(config.network().cell().create(), task.shape(), config.network().hidden()).size();
      int saved = checkpoint.array("parameters").length;
      if (saved != needed) {
        throw new ConfigException(where, "", "cannot resume: the checkpoint holds " + saved
            + " parameters, the run's config.yaml describes a network of " + needed);
      }
    }
  }

  /** Runs the experiment in a prepared directory, closes the sinks and writes the outcome. */
  private int execute(RunDirectory dir, RunConfig config, RunContext context, Map<String, Object> summary,
      Map<String, Object> provenance, RunConsole console, long startNanos, double earlierWallSeconds)
      throws IOException {
    Experiment experiment = config.experiment().create();
    Outcome outcome;
    int exitCode;
    try (Heartbeat heartbeat = Heartbeat.start(dir.path())) {
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
    summary.put("wall_seconds",
        round(earlierWallSeconds + Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0));
    summary.put("metric_rows", context.rowsInTotal());
    summary.putAll(outcome.results());
    dir.writeAtomically("summary.yaml", YamlWriter.write(summary));
    provenance.put("end", end.toString());
    dir.writeAtomically("provenance.yaml", YamlWriter.write(provenance));
    String message = outcome.message().isEmpty() ? "" : ": " + outcome.message();
    console.println(outcome.status().yamlName() + message + " (" + dir.path() + ")");
    return exitCode;
  }

  /**
   * Scores the network a run saved on fresh test sequences, with the run's config changed by
   * {@code overrides} (e.g. another sequence length), and writes {@code eval-<time>.yaml} into
   * the run directory.
   *
   * @return the results, also written to the file
   * @throws ConfigException when the directory, the checkpoint or the overrides do not fit
   */
  public Map<String, Object> eval(Path runDirectory, List<String> overrides, int sequences) throws IOException {
    RunDirectory dir = RunDirectory.existing(runDirectory);
    Path checkpointFile = dir.resolve(RunDirectory.CHECKPOINT);
    if (!Files.exists(checkpointFile)) {
      throw new ConfigException(Origin.of(runDirectory.toString()), "", "no saved network (" + RunDirectory.CHECKPOINT
          + "): only training runs save one");
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.read(checkpointFile);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "cannot evaluate: " + e.getMessage());
    }
    if (!checkpoint.has("parameters")) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "the checkpoint holds no network parameters");
    }
    LoadedConfig loaded = load(dir.resolve("config.yaml"), dir.resolve("config.yaml").toString(), overrides);
    RunConfig config = loaded.config();
    Task task = config.task().create();
    Network network = RunContext.networkOf(config, task);
    double[] saved = checkpoint.array("parameters");
    double[] values = network.parameters().values();
    if (saved.length != values.length) {
      throw new ConfigException(Origin.of(runDirectory.toString()), "", "the saved network has " + saved.length
          + " parameters, the config with these overrides needs " + values.length
          + " (the cell, hidden size and vocabulary must stay as trained; the sequence length may change)");
    }
    System.arraycopy(saved, 0, values, 0, saved.length);
    TestSet testSet = new TestSet(network, task, sequences, SplitMix64.derive(config.seed(), "eval-data"));
    double[] score = testSet.score(config.loss().create());
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("run", dir.path().toString());
    results.put("checkpoint_step", checkpoint.getLong("step"));
    results.put("overrides", overrides);
    results.put("sequences", sequences);
    results.put("steps_per_sequence", task.shape().steps());
    results.put("test_loss", score[0]);
    results.put("test_accuracy", Double.isNaN(score[1]) ? null : score[1]);
    if (Double.isFinite(task.baselineLoss())) {
      results.put("baseline_loss", task.baselineLoss());
    }
    String stamp = RunDirectory.STAMP.format(LocalDateTime.now());
    dir.writeAtomically("eval-" + stamp + ".yaml", YamlWriter.write(results));
    return results;
  }

  /** A YAML mapping file of a run directory, as plain maps. */
  static Map<String, Object> readYaml(Path file, Origin where) {
    try {
      Object value = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
          new org.yaml.snakeyaml.LoaderOptions())).load(Files.readString(file));
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
      }
      throw new ConfigException(where, "", file.getFileName() + " is not a mapping");
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException(where, "", "cannot read " + file.getFileName() + ": " + e.getMessage());
    }
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
