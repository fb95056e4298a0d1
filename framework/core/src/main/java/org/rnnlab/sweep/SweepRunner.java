package org.rnnlab.sweep;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
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
import org.rnnlab.config.ConfigException;
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
import org.rnnlab.store.SweepRecord;

/**
 * Runs a grid of one config: {@code --sweep optimizer.learning_rate=0.003,0.01 seed=1..5}. Every
 * point is loaded and validated before any starts; the points run {@code --jobs} at a time (one
 * thread each, every run single-threaded) into one directory, {@code runs/<time>_<name>_sweep/},
 * a sub-directory per point, each started exactly as a single run is ({@link RunStarter}). A
 * failing point does not stop the others. At the end: {@code sweep.yaml}, {@code sweep.csv} and
 * the charts (see {@link SweepReport}).
 */
public final class SweepRunner {
  private final ConfigLoader loader;
  private final RunStarter starter;

  @Inject
  SweepRunner(ConfigLoader loader, RunStarter starter) {
    this.loader = loader;
    this.starter = starter;
  }

  /**
   * Validates every point, then runs them {@code jobs} at a time.
   *
   * @return 0 when every point completed, 130 when interrupted, else 1
   * @throws ConfigException for a bad axis or any invalid point, before anything is written
   */
  public int run(Invocation invocation, SweepAxes sweep, int jobs, Console console) throws IOException {
    if (jobs < 1) {
      throw new ConfigException(org.rnnlab.config.Origin.of("--jobs"), "", "expected at least 1, got " + jobs);
    }
    for (String override : sweep.overrides()) {
      console.println("note: " + override + " after --sweep has one value: applied to every point as an override");
    }
    List<SweepPlan.Point> points = SweepPlan.points(sweep.axes());
    List<LoadedConfig> loaded = validate(invocation, sweep, points);
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
    String name = loaded.get(0).config().name();
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    RunDirectory sweepDir = RunDirectory.create(invocation.runsRoot(), name + "_sweep", LocalDateTime.from(start));
    Map<String, List<String>> axes = new LinkedHashMap<>();
    sweep.axes().forEach(a -> axes.put(a.key(), a.values()));
    List<SweepRecord.PointRecord> records = new ArrayList<>();
    for (SweepPlan.Point p : points) {
      records.add(new SweepRecord.PointRecord(p.index(), p.directoryName(), p.overrides(), "pending", ""));
    }
    List<String> common = new ArrayList<>(invocation.overrides());
    common.addAll(sweep.overrides());
    SweepRecord record = new SweepRecord(name, start.toString(), null, invocation.configArgument(), common, axes,
        jobs, null, records);
    record.write(sweepDir.path());
    console.println("sweep of " + points.size() + " points, " + jobs + " at a time → " + sweepDir.path());

    StopSignal stop = StopSignal.forInvocation(invocation.handleSignals());
    long startNanos = System.nanoTime();
    runPoints(invocation, sweepDir, points, loaded, records, jobs, stop, console);

    double wall = Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    record = record.withPoints(records, OffsetDateTime.now(ZoneId.systemDefault()).toString(), wall);
    record.write(sweepDir.path());
    SweepState state = SweepState.read(sweepDir.path());
    int charts = SweepReport.write(sweepDir.path(), state);
    console.println(SweepReport.table(state).render(Table.Format.TABLE).stripTrailing());
    console.println("sweep: " + state.describe() + " in " + wall + " s; " + charts + " charts in " + sweepDir.path());
    if (stop.requested()) {
      return ExitCodes.INTERRUPTED;
    }
    return state.counts().getOrDefault("completed", 0) == points.size() ? ExitCodes.COMPLETED : ExitCodes.FAILED;
  }

  /** Every point loaded and checked; the first invalid one (and how many more) as one error. */
  private List<LoadedConfig> validate(Invocation invocation, SweepAxes sweep, List<SweepPlan.Point> points) {
    List<LoadedConfig> loaded = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (SweepPlan.Point p : points) {
      try {
        loaded.add(loader.load(invocation.config(), invocation.configArgument(), overridesOf(invocation, sweep, p)));
      } catch (ConfigException e) {
        invalid.add("point " + p.index() + " of " + points.size() + " (" + p.label() + "): " + e.getMessage());
      }
    }
    if (!invalid.isEmpty()) {
      throw new ConfigException(null, "", "the sweep was not started: " + invalid.get(0)
          + (invalid.size() > 1 ? " (and " + (invalid.size() - 1) + " more invalid points)" : ""));
    }
    return loaded;
  }

  private static List<String> overridesOf(Invocation invocation, SweepAxes sweep, SweepPlan.Point p) {
    List<String> overrides = new ArrayList<>(invocation.overrides());
    overrides.addAll(sweep.overrides());
    overrides.addAll(p.overrides());
    return overrides;
  }

  private void runPoints(Invocation invocation, RunDirectory sweepDir, List<SweepPlan.Point> points,
      List<LoadedConfig> loaded, List<SweepRecord.PointRecord> records, int jobs, StopSignal stop, Console console) {
    AtomicInteger finished = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, points.size()), runnable -> {
      Thread t = new Thread(runnable, "sweep-point");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      final int index = i;
      futures.add(pool.submit(() -> {
        if (jobs > 1) {
          RunExecution.capThreads(1); // points side by side share the cores
        }
        SweepPlan.Point p = points.get(index);
        if (stop.requested()) {
          synchronized (records) {
            records.set(index, records.get(index).withStatus("not started", ""));
          }
          return;
        }
        long pointStart = System.nanoTime();
        String message = "";
        try (RunConsole pointConsole = new RunConsole(new PrintWriter(Writer.nullWriter()), false)) {
          Invocation pointInvocation = new Invocation(invocation.config(), invocation.configArgument(),
              loaded.get(index).overrides(), sweepDir.path(), invocation.home(), invocation.commandLine(), false);
          RunDirectory dir = RunDirectory.createNamed(sweepDir.path(), p.directoryName());
          starter.startIn(dir, loaded.get(index), pointInvocation, pointConsole, stop,
              OffsetDateTime.now(ZoneId.systemDefault()));
        } catch (IOException | RuntimeException e) {
          message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        RunRecord result = RunRecord.read(sweepDir.resolve(p.directoryName()));
        synchronized (records) {
          records.set(index, records.get(index).withStatus(result.status(), message.isEmpty() ? result.message()
              : message));
        }
        console.println(String.format(Locale.ROOT, "[%d/%d] %s · %s%s · %.1f s", finished.incrementAndGet(),
            points.size(), p.label(), result.status(),
            result.finalAccuracy() == null ? "" : " · test accuracy " + Table.number(result.finalAccuracy()),
            (System.nanoTime() - pointStart) / 1e9));
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
