package org.rnnlab.run;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.KeyNames;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Text;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.experiment.Checkpoint;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Task;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.CheckpointFile;
import org.rnnlab.store.MetricsTable;
import org.rnnlab.store.Provenance;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunLiveness;
import org.rnnlab.store.RunLock;
import org.rnnlab.store.RunSummary;
import org.rnnlab.store.YamlFiles;

/**
 * Continues an interrupted or killed run from its latest checkpoint, in its own directory: the
 * rows of {@code metrics.csv} after the checkpoint are dropped, the experiment restores its state
 * and goes on, appending. Everything that could stop it is checked before anything in the
 * directory changes.
 */
public final class Resumer {
  private final ConfigLoader loader;

  @Inject
  Resumer(ConfigLoader loader) {
    this.loader = loader;
  }

  /**
   * Resumes the run in {@code runDirectory} and returns the exit code (see {@link ExitCodes}).
   *
   * @throws ConfigException when the directory is not a run, has completed, is still running, or
   *     has no usable checkpoint
   */
  public int resume(Path runDirectory, Invocation invocation, RunConsole console) throws IOException {
    return resume(runDirectory, invocation, console, null);
  }

  /**
   * Resumes as above; the run stops when {@code stop} is requested (a sweep's points that resume
   * side by side share one), or on the process's signals when it is null.
   */
  public int resume(Path runDirectory, Invocation invocation, RunConsole console, StopSignal stop)
      throws IOException {
    RunDirectory dir = RunDirectory.existing(runDirectory);
    Origin where = Origin.of(runDirectory.toString());
    RunLock lock;
    try {
      lock = RunLock.tryAcquire(dir.path());
    } catch (IOException e) {
      throw new ConfigException(where, "", "cannot lock the run directory: " + e.getMessage());
    }
    if (lock == null) {
      String who;
      try {
        RunSummary summary = RunSummary.read(dir.path());
        who = summary.process() == null ? "its lock is held" : "pid " + summary.process().pid();
      } catch (IOException e) {
        who = "its lock is held";
      }
      throw new ConfigException(where, "", "the run is still running (" + who + ")");
    }
    try (RunLock held = lock) {
      // Read under the lock: a run that was just finishing has written its final summary by now.
      return resumeLocked(dir, where, readSummary(dir, where), invocation, console, stop);
    }
  }

  private int resumeLocked(RunDirectory dir, Origin where, RunSummary summary, Invocation invocation,
      RunConsole console, StopSignal given) throws IOException {
    if (summary.status() == RunStatus.COMPLETED) {
      throw new ConfigException(where, "", "the run has completed; there is nothing to resume");
    }
    if (RunLiveness.runningOnAnotherHost(summary, dir.path())) {
      throw new ConfigException(where, "", "the run is still running on " + summary.process().host() + " ("
          + summary.process() + "; its heartbeat is fresh)");
    }
    if (RunLiveness.runningHereWithoutItsLock(summary)) {
      throw new ConfigException(where, "", "the run is still running (pid " + summary.process().pid()
          + " on this machine), though its lock file was removed; stop that process first");
    }
    // No process of this run is alive now (lock held, liveness checked), so its temporaries are
    // stale, whether or not what follows lets the run continue.
    List<String> removed = removeStaleTemporaries(dir);
    Path configFile = dir.resolve(RunFiles.CONFIG);
    LoadedConfig loaded = loader.load(configFile, configFile.toString(), List.of());
    if (!loaded.config().experiment().create().resumable()) {
      throw new ConfigException(where, "", "a " + loaded.config().experiment().name()
          + " run cannot be resumed (it saves no checkpoints); run its config again");
    }
    Path checkpointFile = dir.resolve(RunFiles.CHECKPOINT);
    if (!Files.exists(checkpointFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new ConfigException(where, "", "no checkpoint to resume from (the run stopped before its first one;"
          + " see experiment.checkpoint_every)");
    }
    Checkpoint checkpoint;
    try {
      checkpoint = CheckpointFile.read(checkpointFile);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "cannot resume: " + e.getMessage());
    }
    Path metrics = dir.resolve(RunFiles.METRICS);
    if (!Files.exists(metrics, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new ConfigException(Origin.of(metrics.toString()), "", "cannot resume: metrics.csv is missing, and the"
          + " rows before the checkpoint cannot be made again; run the config again");
    }
    MetricsTable table = readMetrics(metrics);
    checkResumable(loaded, checkpoint, table, Origin.of(checkpointFile.toString()));
    Map<String, Object> provenance = readProvenance(dir, where);
    RunComponents components = new RunComponents(loaded.config());
    checkSameData(provenance, components.task().provenance(), where);

    StopSignal stop = given != null ? given : StopSignal.forInvocation(invocation.handleSignals());
    long startNanos = System.nanoTime();
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    long step = checkpoint.getLong("step");
    try {
      console.appendLogTo(dir.resolve(RunFiles.LOG));
    } catch (IOException e) {
      throw new ConfigException(Origin.of(dir.resolve(RunFiles.LOG).toString()), "", "cannot resume: " + e.getMessage());
    }
    removed.forEach(console::println);
    List<MetricRow> earlier = table.rowsUpTo(step);
    MetricsTable.write(metrics, table.columns(), earlier);
    List<Object> resumes = new ArrayList<>(provenance.get("resumes") instanceof List<?> l ? l : List.of());
    resumes.add(Map.of("start", start.toString(), "from_step", step, "command_line",
        Provenance.commandLine(invocation.commandLine())));
    provenance.put("resumes", resumes);
    AtomicFiles.writeString(dir.resolve(RunFiles.PROVENANCE), YamlWriter.write(provenance));
    double earlierWall = summary.wallSeconds() == null ? 0 : summary.wallSeconds();
    RunSummary running = summary.resuming(step);
    running.write(dir.path());
    console.println("rnnlab " + Provenance.version() + " · resuming " + loaded.config().name() + " at step " + step
        + " → " + dir.path());
    RunOutputs outputs = new RunOutputs(loaded.config(), dir.path(), console, stop, checkpoint, earlier,
        References.of(components.task()), loaded.resolved());
    return RunExecution.execute(dir, loaded.config(), components, outputs, running, provenance, console, startNanos,
        earlierWall);
  }

  /**
   * Refuses to resume on other data than the run started with: every data file the task read then
   * (provenance.yaml's {@code data}) must have the same SHA-256 now.
   */
  static void checkSameData(Map<String, Object> provenance, Map<String, Object> now, Origin where) {
    if (!(provenance.get("data") instanceof Map<?, ?> then)) {
      return;
    }
    for (Map.Entry<?, ?> e : then.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> was && was.get("sha256") != null) {
        Object is = now.get(String.valueOf(e.getKey())) instanceof Map<?, ?> m ? m.get("sha256") : null;
        if (!String.valueOf(was.get("sha256")).equals(String.valueOf(is))) {
          throw new ConfigException(where, "", "cannot resume: the data file " + Text.inert(String.valueOf(was.get("path")))
              + " has changed since the run started (SHA-256 " + Text.abbreviated(String.valueOf(was.get("sha256")), 80, 12, 8)
              + ", now " + Text.abbreviated(String.valueOf(is), 80, 12, 8) + "); run the config again instead");
        }
      }
    }
  }

  /**
   * Removes what a process killed while saving left behind: the temporary files ({@code
   * .<file>.<random>.tmp}) of this run's atomic writes. Called with the run's lock held, so no
   * other process is writing them. Returns a line for each, for the run's log.
   */
  static List<String> removeStaleTemporaries(RunDirectory dir) throws IOException {
    List<String> removed = new ArrayList<>();
    try (var files = Files.list(dir.path())) {
      for (Path f : files.filter(f -> f.getFileName().toString().matches("\\..+\\.[0-9]+\\.tmp")).toList()) {
        long size = Files.size(f);
        Files.delete(f);
        removed.add("removed " + f.getFileName() + " (" + size + " bytes), left by a save that was cut short");
      }
    }
    return removed;
  }

  private static RunSummary readSummary(RunDirectory dir, Origin where) {
    try {
      return RunSummary.read(dir.path());
    } catch (IOException e) {
      throw new ConfigException(where, "", "cannot resume: " + e.getMessage());
    }
  }

  private static Map<String, Object> readProvenance(RunDirectory dir, Origin where) {
    try {
      return new LinkedHashMap<>(YamlFiles.read(dir.resolve(RunFiles.PROVENANCE)));
    } catch (IOException e) {
      throw new ConfigException(where, "", "cannot resume: " + e.getMessage());
    }
  }

  private static MetricsTable readMetrics(Path metrics) {
    try {
      return MetricsTable.read(metrics);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(metrics.toString()), "", "cannot resume: " + e.getMessage());
    }
  }

  /**
   * Refuses, before anything changes, a checkpoint this build cannot continue: one the experiment
   * does not read (another version), or whose network does not match the run's config.
   */
  private static void checkResumable(LoadedConfig loaded, Checkpoint checkpoint, MetricsTable table,
      Origin where) {
    RunConfig config = loaded.config();
    try {
      config.experiment().create().checkResume(checkpoint, table.columns());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where, "", "cannot resume: " + e.getMessage());
    }
    if (checkpoint.has(RunOutputs.IDENTITY)) {
      String difference = KeyNames.firstDifference(KeyNames.flatten(identityTree(checkpoint)),
          KeyNames.flatten(identityTree(RunOutputs.identity(loaded.resolved()))));
      if (difference != null) {
        throw new ConfigException(where, "", "cannot resume: the checkpoint belongs to another config ("
            + difference + "); was config.yaml edited, or the checkpoint copied from another run?");
      }
    }
    if (checkpoint.has("parameters")) {
      Task task = config.task().create();
      int needed = Network.layout(config.network().networkLayers(), task.shape()).size();
      int saved = checkpoint.array("parameters").length;
      if (saved != needed) {
        throw new ConfigException(where, "", "cannot resume: the checkpoint holds " + saved
            + " parameters, the run's config.yaml describes a network of " + needed);
      }
    }
  }

  private static Object identityTree(Checkpoint checkpoint) {
    return identityTree(checkpoint.getString(RunOutputs.IDENTITY));
  }

  private static Object identityTree(String yaml) {
    return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
        new org.yaml.snakeyaml.LoaderOptions())).load(yaml);
  }
}
