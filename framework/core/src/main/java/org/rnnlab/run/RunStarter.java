package org.rnnlab.run;

import jakarta.inject.Inject;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.experiment.Estimate;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.Provenance;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunLock;
import org.rnnlab.store.RunSummary;

/**
 * Starts a run of a loaded config, alone or as a sweep's point (one code path for both): creates
 * its directory, takes its lock, writes {@code config.yaml}, {@code overrides.txt}, {@code
 * provenance.yaml} and a {@code summary.yaml} that says running (in that order, so even a run that
 * dies at once says what it was), then runs it to the end.
 */
public final class RunStarter {
  private final Plugins plugins;

  @Inject
  RunStarter(Plugins plugins) {
    this.plugins = plugins;
  }

  /**
   * Runs {@code loaded} in a new directory under {@code invocation.runsRoot()} and returns the
   * exit code (see {@link ExitCodes}).
   *
   * @throws ConfigException when the runs directory cannot take a run (nothing is left behind)
   */
  public int start(LoadedConfig loaded, Invocation invocation, RunConsole console, StopSignal stop)
      throws IOException {
    Estimate estimate = MemoryCheck.estimate(loaded.config());
    MemoryCheck.check(estimate, 1, invocation.configArgument());
    if (estimate != null) {
      console.println("work: " + estimate.work() + "; memory about " + Estimate.size(estimate.bytes()));
    }
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    RunDirectory dir = RunDirectory.create(invocation.runsRoot(), loaded.config().name(), LocalDateTime.from(start));
    return startIn(dir, loaded, invocation, console, stop, start);
  }

  /**
   * Runs {@code loaded} in {@code dir}, a directory just made for it (a sweep's point, say).
   *
   * @throws ConfigException when the directory cannot be written (it is removed again)
   */
  public int startIn(RunDirectory dir, LoadedConfig loaded, Invocation invocation, RunConsole console,
      StopSignal stop, OffsetDateTime start) throws IOException {
    long startNanos = System.nanoTime();
    RunConfig config = loaded.config();
    Map<String, Object> provenance =
        Provenance.collect(invocation.home(), invocation.commandLine(), plugins.describe(), start);
    RunComponents components = new RunComponents(config);
    if (!components.task().provenance().isEmpty()) {
      provenance.put("data", components.task().provenance());
    }
    RunSummary summary = RunSummary.starting(config.name(), config.experiment().name(), start);
    RunLock lock = null;
    try {
      lock = RunLock.tryAcquire(dir.path()); // a new directory: nobody else has it
      console.logTo(dir.resolve(RunFiles.LOG));
      AtomicFiles.writeString(dir.resolve(RunFiles.CONFIG), loaded.configText());
      AtomicFiles.writeString(dir.resolve(RunFiles.OVERRIDES), overridesText(loaded.overrides()));
      AtomicFiles.writeString(dir.resolve(RunFiles.PROVENANCE), YamlWriter.write(provenance));
      for (Map.Entry<String, String> file : components.task().files().entrySet()) {
        AtomicFiles.writeString(dir.resolve(file.getKey()), file.getValue());
      }
      summary.write(dir.path());
    } catch (IOException e) {
      console.close();
      if (lock != null) {
        lock.release();
      }
      dir.deleteQuietly(); // no half-written directory: nothing ran
      throw new ConfigException(Origin.of(dir.path().getParent().toString()), "",
          "cannot write a run directory here: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    console.println("rnnlab " + Provenance.version() + " · " + config.name() + " → " + dir.path());
    RunOutputs outputs = new RunOutputs(config, dir.path(), console, stop, null, List.of(),
        References.of(components.task()), loaded.resolved());
    try (RunLock held = lock) {
      return RunExecution.execute(dir, config, components, outputs, summary, provenance, console, startNanos, 0);
    }
  }

  /** One override per line; a newline inside an override is written as \n so that lines stay overrides. */
  static String overridesText(List<String> overrides) {
    StringBuilder s = new StringBuilder();
    for (String o : overrides) {
      s.append(o.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")).append('\n');
    }
    return s.toString();
  }
}
