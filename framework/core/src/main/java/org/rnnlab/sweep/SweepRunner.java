package org.rnnlab.sweep;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.archive.Table;
import org.rnnlab.cluster.LauncherSettings;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.experiment.Console;
import org.rnnlab.experiment.Estimate;
import org.rnnlab.run.ConfigLoader;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.Invocation;
import org.rnnlab.run.LoadedConfig;
import org.rnnlab.run.MemoryCheck;
import org.rnnlab.run.RunConsole;
import org.rnnlab.run.RunExecution;
import org.rnnlab.run.RunStarter;
import org.rnnlab.run.StopSignal;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunLock;
import org.rnnlab.store.SweepRecord;

/**
 * Runs a grid of one config: {@code --sweep optimizer.learning_rate=0.003,0.01 seed=1..5}. Every
 * point is loaded and validated before any starts; the points run {@code --jobs} at a time (one
 * thread each, every run single-threaded) into one directory, {@code runs/<time>_<name>_sweep/},
 * a sub-directory per point, each started exactly as a single run is ({@link RunStarter}), or, with
 * the Slurm launcher, as one job array ({@link SlurmSweeps}). A failing point does not stop the
 * others. At the end: {@code sweep.yaml}, {@code sweep.csv} and the charts (see {@link
 * SweepReport}). {@link #resume} runs what a sweep has left.
 */
public final class SweepRunner {
  private final ConfigLoader loader;
  private final RunStarter starter;
  private final PointRunner pointRunner;

  @Inject
  SweepRunner(ConfigLoader loader, RunStarter starter, PointRunner pointRunner) {
    this.loader = loader;
    this.starter = starter;
    this.pointRunner = pointRunner;
  }

  /** Runs the sweep here ({@code launcher: local}, the default), without a map. */
  public int run(Invocation invocation, SweepAxes sweep, int jobs, Console console) throws IOException {
    return run(invocation, sweep, null, jobs, Map.of(), false, console);
  }

  /**
   * Validates every point, then runs them {@code jobs} at a time here, or submits them to Slurm.
   *
   * @param launcherArguments the command line's launcher settings ({@code type=slurm} from {@code
   *     --launcher slurm}, each of {@code --slurm}), with where each came from
   * @param map the map to draw of the result (see {@link SweepMapReport}), or null; drawn only
   *     when both its axes are swept
   * @param wait with Slurm: follow the points until they end
   * @return 0 when every point completed (or was submitted), 130 when interrupted, else 1
   * @throws ConfigException for a bad axis, a bad launcher setting, any invalid point, or a
   *     submission Slurm refuses, before anything is left in the runs directory
   */
  public int run(Invocation invocation, SweepAxes sweep, MapSettings map, int jobs,
      Map<String, Origin> launcherArguments, boolean wait, Console console) throws IOException {
    if (jobs < 1) {
      throw new ConfigException(Origin.of("--jobs"), "", "expected at least 1, got " + jobs);
    }
    List<String> common = new ArrayList<>(invocation.overrides());
    common.addAll(sweep.overrides());
    LauncherSettings launcher = loader.launcher(invocation.config(), invocation.configArgument(), common,
        launcherArguments);
    Path runScript = launcher.slurm() ? SlurmSweeps.launcherOrRefuse(invocation.home()) : null;
    if (wait && !launcher.slurm()) {
      throw new ConfigException(Origin.of("--wait"), "", "only for a sweep sent elsewhere (--launcher slurm);"
          + " a local sweep always waits for its points");
    }
    for (String override : sweep.overrides()) {
      console.println("note: " + override + " after --sweep has one value: applied to every point as an override");
    }
    Map<String, Object> drawn = SweepMapReport.recorded(map, sweep, console);
    List<SweepPlan.Point> points = SweepPlan.points(sweep.axes());
    List<LoadedConfig> loaded = validate(invocation, sweep, points);
    if (!launcher.slurm()) {
      long largest = 0;
      Estimate biggest = null;
      for (LoadedConfig point : loaded) {
        Estimate e = MemoryCheck.estimate(point.config());
        if (e != null && e.bytes() >= largest) {
          largest = e.bytes();
          biggest = e;
        }
      }
      MemoryCheck.check(biggest, Math.min(jobs, points.size()), invocation.configArgument() + " --sweep");
    }
    String name = loaded.get(0).config().name();
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    RunDirectory sweepDir = RunDirectory.create(invocation.runsRoot(), name + "_sweep", LocalDateTime.from(start));
    Map<String, List<String>> axes = new LinkedHashMap<>();
    sweep.axes().forEach(a -> axes.put(a.key(), a.values()));
    List<SweepRecord.PointRecord> records = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      SweepPlan.Point p = points.get(i);
      records.add(new SweepRecord.PointRecord(p.index(), p.directoryName(), p.overrides(),
          loaded.get(i).configSha256(), "pending", ""));
    }
    SweepRecord record = new SweepRecord(name, start.toString(), null, invocation.configArgument(),
        Path.of("").toAbsolutePath().toString(), common, axes, drawn, launcher.slurm() ? 0 : jobs, null, Map.of(), List.of(),
        records);
    long startNanos = System.nanoTime();
    if (launcher.slurm()) {
      try (RunLock lock = RunLock.tryAcquire(sweepDir.path())) { // the sweep is being made: not resumable yet
        record.write(sweepDir.path());
        for (String warning : SlurmSweeps.warnings(sweepDir.path(), invocation.home())) {
          console.println(warning);
        }
        record = SlurmSweeps.submit(sweepDir.path(), record, points.stream().map(SweepPlan.Point::index).toList(),
            launcher, runScript, console);
      } catch (IOException | RuntimeException e) {
        sweepDir.deleteQuietly(); // nothing was submitted: no sweep claims to run
        throw e;
      }
      if (!wait) {
        console.println("follow it with ./run list " + sweepDir.path() + " (or --wait next time)");
        return ExitCodes.COMPLETED;
      }
      return SlurmSweeps.follow(sweepDir.path(), console, StopSignal.forInvocation(invocation.handleSignals()),
          startNanos);
    }
    try (RunLock lock = RunLock.tryAcquire(sweepDir.path())) { // held while the sweep runs: resume waits for it
      record.write(sweepDir.path());
      console.println("sweep of " + points.size() + " points, " + jobs + " at a time → " + sweepDir.path());
      StopSignal stop = StopSignal.forInvocation(invocation.handleSignals());
      List<Integer> indices = points.stream().map(SweepPlan.Point::index).toList();
      runLocally(sweepDir.path(), indices, jobs, stop, console, index -> {
        SweepPlan.Point p = points.get(index - 1);
        try (RunConsole pointConsole = new RunConsole(new PrintWriter(Writer.nullWriter()), false)) {
          Invocation pointInvocation = new Invocation(invocation.config(), invocation.configArgument(),
              loaded.get(index - 1).overrides(), sweepDir.path(), invocation.home(), invocation.commandLine(), false);
          RunDirectory dir = RunDirectory.createNamed(sweepDir.path(), p.directoryName());
          starter.startIn(dir, loaded.get(index - 1), pointInvocation, pointConsole, stop,
              OffsetDateTime.now(ZoneId.systemDefault()));
        }
      });
      return finish(sweepDir.path(), startNanos, stop, console, lock);
    }
  }

  /**
   * Runs what the sweep in {@code sweepDirectory} has left: starts the points that never started,
   * resumes those stopped, killed or lost from their checkpoints, and leaves the others; here
   * ({@code jobs} at a time) or on Slurm, as the sweep last ran unless {@code launcherArguments}
   * say otherwise. Holds the sweep's lock while it runs here (while it submits, for Slurm).
   *
   * @throws ConfigException when the sweep is being run or resumed now, or has nothing left
   */
  public int resume(Path sweepDirectory, int jobs, Map<String, Origin> launcherArguments, boolean wait, Path home,
      List<String> commandLine, Console console) throws IOException {
    Origin where = Origin.of(sweepDirectory.toString());
    if (jobs < 1) {
      throw new ConfigException(Origin.of("--jobs"), "", "expected at least 1, got " + jobs);
    }
    RunLock lock = RunLock.tryAcquire(sweepDirectory);
    if (lock == null) {
      throw new ConfigException(where, "", "the sweep is being run, resumed or submitted by another process now (it"
          + " holds the sweep's lock); wait for it to end");
    }
    try (RunLock held = lock) {
      SweepState state = SweepState.read(sweepDirectory);
      SweepRecord record = state.record();
      LauncherSettings launcher = loader.launcher(record.launcher(), sweepDirectory.resolve(RunFiles.SWEEP)
          + " launcher", launcherArguments);
      if (wait && !launcher.slurm()) {
        throw new ConfigException(Origin.of("--wait"), "", "only for points sent to Slurm (--launcher slurm)");
      }
      List<Integer> left = new ArrayList<>();
      for (SweepState.PointState p : state.points()) {
        String s = p.status();
        if (s.equals("not started") || s.equals("interrupted") || s.equals("incomplete") || s.equals("lost")
            || (p.run() == null && s.equals("failed"))) {
          left.add(p.record().point());
        }
      }
      long busy = state.points().stream().filter(p -> p.status().equals("pending") || p.status().equals("running"))
          .count();
      if (left.isEmpty()) {
        throw new ConfigException(where, "", "nothing to resume: " + state.describe()
            + (busy > 0 ? " (the pending and running points go on by themselves)" : ""));
      }
      for (int index : left) { // refuse a changed config before anything runs
        SweepRecord.PointRecord p = record.point(index);
        if (!java.nio.file.Files.isDirectory(sweepDirectory.resolve(p.directory()))) {
          pointRunner.load(record, p);
        }
      }
      console.println("resuming " + left.size() + " of " + state.points().size() + " points (" + state.describe()
          + ")" + (launcher.slurm() ? " on Slurm" : ", " + jobs + " at a time") + " → " + sweepDirectory);
      long startNanos = System.nanoTime();
      if (launcher.slurm()) {
        Path runScript = SlurmSweeps.launcherOrRefuse(home);
        for (String warning : SlurmSweeps.warnings(sweepDirectory, home)) {
          console.println(warning);
        }
        SlurmSweeps.submit(sweepDirectory, record, left, launcher, runScript,
            console);
        held.close();
        if (!wait) {
          return ExitCodes.COMPLETED;
        }
        return SlurmSweeps.follow(sweepDirectory, console, StopSignal.forInvocation(true), startNanos);
      }
      StopSignal stop = StopSignal.forInvocation(true);
      runLocally(sweepDirectory, left, jobs, stop, console, index -> {
        try (RunConsole pointConsole = new RunConsole(new PrintWriter(Writer.nullWriter()), false)) {
          pointRunner.run(sweepDirectory, index, home, commandLine, pointConsole, stop);
        }
      });
      return finish(sweepDirectory, startNanos, stop, console, held);
    }
  }

  /** One point's work on a thread of the pool. */
  private interface PointWork {
    void run(int index) throws IOException;
  }

  /** Brings the sweep's files up to date at the end of a local run, prints its table, gives the exit code. */
  private static int finish(Path sweepDirectory, long startNanos, StopSignal stop, Console console, RunLock lock)
      throws IOException {
    double wall = Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    lock.close(); // the points are what they are now: no longer pending
    SweepState state = SweepReport.refresh(sweepDirectory, true, OffsetDateTime.now(ZoneId.systemDefault()).toString(),
        wall);
    SweepReport.print(state, console);
    console.println("sweep: " + state.describe() + " in " + wall + " s; " + SweepReport.chartsIn(sweepDirectory)
        + " charts in " + sweepDirectory);
    if (stop.requested()) {
      return ExitCodes.INTERRUPTED;
    }
    return state.counts().getOrDefault("completed", 0) == state.points().size() ? ExitCodes.COMPLETED
        : ExitCodes.FAILED;
  }

  /** Every point loaded and checked; the first invalid one (and how many more) as one error. */
  private List<LoadedConfig> validate(Invocation invocation, SweepAxes sweep, List<SweepPlan.Point> points) {
    List<LoadedConfig> loaded = new ArrayList<>();
    ConfigException first = null;
    SweepPlan.Point firstPoint = null;
    int invalid = 0;
    for (SweepPlan.Point p : points) {
      try {
        loaded.add(loader.load(invocation.config(), invocation.configArgument(), overridesOf(invocation, sweep, p)));
      } catch (ConfigException e) {
        if (invalid++ == 0) {
          first = e;
          firstPoint = p;
        }
      }
    }
    if (first == null) {
      return loaded;
    }
    String point = "point " + firstPoint.index() + " of " + points.size() + " (" + firstPoint.label() + ")";
    String more = invalid > 1 ? " (and " + (invalid - 1) + " more invalid points)" : "";
    for (int a = 0; a < sweep.axes().size(); a++) {
      SweepAxes.Axis axis = sweep.axes().get(a);
      String value = firstPoint.overrides().get(a).substring(axis.key().length() + 1);
      Origin written = axis.origin(value);
      if (written != null && (first.key().equals(axis.key()) || first.key().startsWith(axis.key() + "."))) {
        // The value came from the experiment file's sweep section: say where it was written.
        throw new ConfigException(written, first.key(), first.problem() + "; the sweep was not started: the value "
            + value + " of the axis " + axis.key() + " makes " + point + " invalid" + more);
      }
    }
    throw new ConfigException(null, "", "the sweep was not started: " + point + ": " + first.getMessage() + more);
  }

  private static List<String> overridesOf(Invocation invocation, SweepAxes sweep, SweepPlan.Point p) {
    List<String> overrides = new ArrayList<>(invocation.overrides());
    overrides.addAll(sweep.overrides());
    overrides.addAll(p.overrides());
    return overrides;
  }

  /**
   * Runs {@code work} for each of {@code indices}, {@code jobs} at a time, printing a line as each
   * point ends; points not begun when {@code stop} is requested are left for a resume.
   */
  private static void runLocally(Path sweepDirectory, List<Integer> indices, int jobs, StopSignal stop,
      Console console, PointWork work) {
    SweepRecord record;
    try {
      record = SweepRecord.read(sweepDirectory);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    AtomicInteger finished = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, indices.size()), runnable -> {
      Thread t = new Thread(runnable, "sweep-point");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    for (int index : indices) {
      futures.add(pool.submit(() -> {
        if (jobs > 1) {
          RunExecution.capThreads(1); // points side by side share the cores
        }
        if (stop.requested()) {
          return;
        }
        SweepRecord.PointRecord p = record.point(index);
        long pointStart = System.nanoTime();
        String message = "";
        try {
          work.run(index);
        } catch (IOException | RuntimeException e) {
          message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        RunRecord result = RunRecord.read(sweepDirectory.resolve(p.directory()));
        console.println(String.format(Locale.ROOT, "[%d/%d] %s · %s%s · %.1f s%s", finished.incrementAndGet(),
            indices.size(), SweepPlan.label(p.overrides()), result.status(),
            result.finalAccuracy() == null ? "" : " · test accuracy " + Table.number(result.finalAccuracy()),
            (System.nanoTime() - pointStart) / 1e9, message.isEmpty() ? "" : " · " + message));
      }));
    }
    pool.shutdown();
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop.request();
      } catch (ExecutionException e) {
        console.println("a sweep point failed unexpectedly: " + e.getCause());
      }
    }
  }
}
