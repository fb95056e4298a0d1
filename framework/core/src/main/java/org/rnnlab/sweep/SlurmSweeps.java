package org.rnnlab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rnnlab.archive.SweepState;
import org.rnnlab.archive.Table;
import org.rnnlab.cluster.BatchScript;
import org.rnnlab.cluster.LauncherSettings;
import org.rnnlab.cluster.Sbatch;
import org.rnnlab.cluster.SharedFileSystems;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.experiment.Console;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.StopSignal;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.SweepFilesLock;
import org.rnnlab.store.SweepRecord;

/**
 * A sweep's points on Slurm: one job array per submission (array task N runs point N through
 * {@code ./run sweep-point}), and following the points from their files and from Slurm.
 */
public final class SlurmSweeps {
  /** How often {@code --wait} looks at the points. */
  static final long POLL_MILLIS = Long.getLong("rnnlab.slurm.poll_millis", 2000);

  private SlurmSweeps() {}

  /**
   * Refuses, before anything is written, a Slurm launch that cannot work from here.
   *
   * @throws ConfigException when sbatch is missing or rnnlab's launcher is unknown
   */
  public static Path launcherOrRefuse(Path home) {
    Sbatch.requireOnPath();
    if (home == null || !Files.isRegularFile(home.resolve("run"))) {
      throw new ConfigException(Origin.of("--launcher slurm"), "", "the Slurm tasks run rnnlab's ./run, and this"
          + " process was not started by it: start the sweep with ./run");
    }
    return home.resolve("run").toAbsolutePath().normalize();
  }

  /** The warnings of a Slurm launch from these directories, one per directory on a local file system. */
  public static List<String> warnings(Path sweepDirectory, Path home) {
    Set<String> seen = new HashSet<>();
    return java.util.stream.Stream.of(
            SharedFileSystems.warning(sweepDirectory.getParent(), "the runs directory"),
            SharedFileSystems.warning(home, "rnnlab (./run and its build)"))
        .filter(w -> w != null && seen.add(w)).toList();
  }

  /**
   * Writes the batch script of {@code points} into the sweep's {@code slurm/} folder, submits it,
   * and records the job array in {@code sweep.yaml} (with the sbatch output beside the script).
   *
   * @return the sweep as recorded now
   * @throws ConfigException when sbatch refuses it, in sbatch's words (the script is removed again)
   */
  public static SweepRecord submit(Path sweepDirectory, SweepRecord record, List<Integer> points,
      LauncherSettings settings, Path launcher, Console console) throws IOException {
    Path folder = Files.createDirectories(sweepDirectory.resolve(BatchScript.FOLDER));
    int n = record.slurmJobs().size() + 1;
    String name = "array-" + n;
    Path workingDirectory = record.workingDirectory() == null ? Path.of("").toAbsolutePath()
        : Path.of(record.workingDirectory());
    String script = BatchScript.render(settings, "rnnlab-" + record.name(), points, sweepDirectory.toAbsolutePath(),
        workingDirectory, launcher, buildEnvironment());
    Path scriptFile = folder.resolve(name + ".sh");
    AtomicFiles.writeString(scriptFile, script);
    Sbatch.Submitted submitted;
    try {
      submitted = Sbatch.submit(scriptFile);
    } catch (ConfigException e) {
      Files.deleteIfExists(scriptFile);
      throw e;
    }
    String when = OffsetDateTime.now(ZoneId.systemDefault()).toString();
    AtomicFiles.writeString(folder.resolve(name + ".sbatch.txt"), "$ sbatch --parsable " + scriptFile + "\n"
        + submitted.output() + "\n" + "job id: " + submitted.jobId() + "\nsubmitted: " + when + "\n");
    SweepRecord now;
    try (SweepFilesLock held = SweepFilesLock.take(sweepDirectory)) {
      // read again under the lock (a task of an earlier array may have rewritten the points' statuses);
      // the sweep runs again: no end until it has ended
      SweepRecord onDisk = SweepRecord.read(sweepDirectory);
      now = onDisk.withPoints(onDisk.points(), null, null).withSlurmJob(new SweepRecord.SlurmJob(submitted.jobId(), points,
          BatchScript.FOLDER + "/" + name + ".sh", when), settingsMap(settings));
      now.write(sweepDirectory);
    }
    console.println(String.format(Locale.ROOT, "submitted job array %d: %d point%s%s → %s", submitted.jobId(),
        points.size(), points.size() == 1 ? "" : "s", settings.arrayParallelism() > 0
            ? ", " + settings.arrayParallelism() + " at a time" : "", sweepDirectory));
    return now;
  }

  /**
   * What the tasks need to run the build that submitted them: the launcher's snapshot of the
   * jars ({@code RNNLAB_SNAPSHOT}), or Maven's class path as it is when the submitter used it.
   */
  static Map<String, String> buildEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    String snapshot = System.getProperty("rnnlab.snapshot");
    if (snapshot != null && !snapshot.isBlank()) {
      env.put("RNNLAB_SNAPSHOT", snapshot);
    } else if (System.getenv("RNNLAB_SKIP_BUILD") != null) {
      env.put("RNNLAB_SKIP_BUILD", "1");
    }
    return env;
  }

  /** The settings as plain values for {@code sweep.yaml}, in the keys of the config. */
  static Map<String, Object> settingsMap(LauncherSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "slurm");
    m.put("partition", s.partition());
    m.put("time", s.time());
    m.put("cpus_per_task", s.cpusPerTask());
    m.put("mem", s.mem());
    m.put("array_parallelism", s.arrayParallelism());
    m.put("account", s.account());
    m.put("extra", s.extra());
    return m;
  }

  /**
   * Follows the sweep's points until none is pending or running, printing a line as each ends,
   * then brings the sweep's files up to date and prints its table.
   *
   * @return as a local sweep: 0 when every point completed, 130 when stopped, else 1
   */
  public static int follow(Path sweepDirectory, Console console, StopSignal stop, long startNanos)
      throws IOException {
    Set<Integer> reported = new HashSet<>();
    SweepState state = SweepState.read(sweepDirectory);
    for (SweepState.PointState p : state.points()) {
      if (!p.status().equals("pending") && !p.status().equals("running")) {
        reported.add(p.record().point()); // ended before this submission: not news
      }
    }
    int total = state.points().size();
    while (true) {
      for (SweepState.PointState p : state.points()) {
        if (!p.status().equals("pending") && !p.status().equals("running") && reported.add(p.record().point())) {
          var r = p.run();
          console.println(String.format(Locale.ROOT, "[%d/%d] %s · %s%s%s", reported.size(), total,
              SweepPlan.label(p.record().overrides()), p.status(),
              r == null || r.finalAccuracy() == null ? "" : " · test accuracy " + Table.number(r.finalAccuracy()),
              r == null || r.wallSeconds() == null ? "" : String.format(Locale.ROOT, " · %.1f s", r.wallSeconds())));
        }
      }
      if (state.ended() || stop.requested()) {
        break;
      }
      if (state.slurmProblem() != null) {
        console.println("note: " + state.slurmProblem() + "; trying again");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      state = SweepState.read(sweepDirectory);
    }
    double wall = Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    boolean ended = state.ended();
    state = SweepReport.refresh(sweepDirectory, true, ended ? OffsetDateTime.now(ZoneId.systemDefault()).toString()
        : null, ended ? wall : null);
    SweepReport.print(state, console);
    if (!ended) {
      SweepRecord r = state.record();
      console.println("stopped following; the points go on in Slurm (scancel " + r.slurmJobs().get(r.slurmJobs().size()
          - 1).jobId() + " stops them; ./run list " + sweepDirectory + " shows them)");
      return ExitCodes.INTERRUPTED;
    }
    console.println("sweep: " + state.describe() + " in " + wall + " s; " + SweepReport.chartsIn(sweepDirectory)
        + " charts in " + sweepDirectory);
    return state.counts().getOrDefault("completed", 0) == total ? ExitCodes.COMPLETED : ExitCodes.FAILED;
  }
}
