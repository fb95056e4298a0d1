package org.rnnlab.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.experiment.Experiment;
import org.rnnlab.experiment.Outcome;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.math.ParallelRows;
import org.rnnlab.math.Workers;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.Heartbeat;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunSummary;

/**
 * Runs the experiment of a prepared run directory (fresh or resumed) to its end: beats the
 * heartbeat, runs the experiment, closes its outputs, and writes the outcome into {@code
 * summary.yaml} and the end time into {@code provenance.yaml}. Whatever the experiment throws ends
 * as status failed with the details in {@code run.log}, never as a run that still says running.
 */
public final class RunExecution {
  private RunExecution() {}

  private static final ThreadLocal<Integer> MAX_THREADS = ThreadLocal.withInitial(() -> Integer.MAX_VALUE);

  /**
   * Runs started from the current thread from now on use at most {@code threads} threads (a
   * sweep's points that run side by side: 1 each, whatever their config says).
   */
  public static void capThreads(int threads) {
    MAX_THREADS.set(threads);
  }

  /** The threads a run of {@code config} started from the current thread uses. */
  static int threads(RunConfig config) {
    return Math.min(config.threads() == 0 ? Workers.cores() : config.threads(), MAX_THREADS.get());
  }

  /**
   * @param summary the summary that says running (already on disk)
   * @param provenance the provenance as on disk, to be completed with the end time
   * @param earlierWallSeconds wall time of earlier starts of this run (resume), else 0
   * @return the exit code of the outcome
   */
  static int execute(RunDirectory dir, RunConfig config, RunComponents components, RunOutputs outputs,
      RunSummary summary, Map<String, Object> provenance, RunConsole console, long startNanos,
      double earlierWallSeconds) throws IOException {
    Experiment experiment = config.experiment().create();
    Outcome outcome;
    int exitCode;
    try (Heartbeat heartbeat = Heartbeat.start(dir.path())) {
      ParallelRows.use(threads(config)); // a batch of one slice: its large products split their rows
      outcome = experiment.run(components, outputs);
      exitCode = ExitCodes.of(outcome.status());
    } catch (ConfigException e) {
      outcome = new Outcome(RunStatus.FAILED, e.getMessage(), Map.of());
      exitCode = ExitCodes.BAD_INPUT;
    } catch (IOException | RuntimeException | Error e) {
      outcome = new Outcome(RunStatus.FAILED, describe(e), Map.of());
      console.logOnly(stackTrace(e));
      exitCode = ExitCodes.FAILED;
    }
    try {
      outputs.close(outcome.status());
    } catch (IOException e) {
      if (outcome.status() == RunStatus.COMPLETED) {
        outcome = new Outcome(RunStatus.FAILED, "closing the metric sinks failed: " + describe(e), outcome.results());
        exitCode = ExitCodes.FAILED;
      }
      console.logOnly(stackTrace(e));
    }
    OffsetDateTime end = OffsetDateTime.now(ZoneId.systemDefault());
    double wall = earlierWallSeconds + (System.nanoTime() - startNanos) / 1e9;
    summary.ended(outcome, end, wall, outputs.rowsInTotal()).write(dir.path());
    provenance.put("end", end.toString());
    AtomicFiles.writeString(dir.resolve(RunFiles.PROVENANCE), YamlWriter.write(provenance));
    String message = outcome.message().isEmpty() ? "" : ": " + outcome.message();
    console.println(outcome.status().yamlName() + message + " (" + dir.path() + ")");
    return exitCode;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + " (details in run.log)";
  }

  private static String stackTrace(Throwable e) {
    StringWriter s = new StringWriter();
    e.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
