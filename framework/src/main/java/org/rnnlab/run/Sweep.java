package org.rnnlab.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rnnlab.archive.MetricsTable;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SeedAggregate;
import org.rnnlab.archive.Table;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.plot.LinePlot;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.Console;

/**
 * A grid of runs of one config: {@code --sweep optimizer.learning_rate=0.003,0.01 seed=1..5}.
 * Every point is loaded and validated before any starts; the points run in parallel ({@code
 * --jobs}, one thread each, every run single-threaded) into one directory, {@code
 * runs/<time>_<name>_sweep/}, a sub-directory per point. A failing point does not stop the
 * others. At the end: {@code sweep.yaml} (axes, points, status, results), {@code sweep.csv}, and
 * charts of each metric in which points that differ only by seed are one line, the mean, with
 * ± one standard deviation as error bars.
 */
public final class Sweep {

  /** One axis of the grid: a key and its values (YAML text each). */
  public record Axis(String key, List<String> values) {}

  /** One point: its index (from 1), its overrides and a label of its values. */
  record Point(int index, List<String> overrides, String label, String directoryName) {}

  /** The metrics the sweep's charts draw, where the runs have them. */
  static final List<String> CHARTED = List.of("test_accuracy", "test_loss", "loss");

  private Sweep() {}

  /**
   * Parses {@code key=v1,v2,…} (values split at top-level commas: commas inside brackets or braces
   * belong to a YAML value) and {@code key=a..b} or {@code key=a..b:step} (integers, inclusive).
   */
  public static List<Axis> parse(List<String> specs) {
    List<Axis> axes = new ArrayList<>();
    for (String spec : specs) {
      Origin origin = Origin.of("--sweep '" + spec + "'");
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new ConfigException(origin, "", "expected key=v1,v2,… or key=a..b, e.g. seed=1..5");
      }
      String key = spec.substring(0, eq).strip(), text = spec.substring(eq + 1).strip();
      if (axes.stream().anyMatch(a -> a.key().equals(key))) {
        throw new ConfigException(origin, key, "swept twice");
      }
      List<String> values = text.matches("-?[0-9]+\\.\\.-?[0-9]+(:[0-9]+)?") ? range(text, origin, key) : split(text);
      if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
        throw new ConfigException(origin, key, "an empty value; expected key=v1,v2,…");
      }
      axes.add(new Axis(key, values));
    }
    return axes;
  }

  /** The most values a range a..b may give. */
  static final int MAX_RANGE_VALUES = 10_000;

  private static List<String> range(String text, Origin origin, String key) {
    String[] bounds = text.split("\\.\\.|:");
    java.math.BigInteger from = new java.math.BigInteger(bounds[0]), to = new java.math.BigInteger(bounds[1]);
    java.math.BigInteger step = bounds.length > 2 ? new java.math.BigInteger(bounds[2]) : java.math.BigInteger.ONE;
    if (step.signum() < 1 || to.compareTo(from) < 0
        || to.subtract(from).divide(step).compareTo(java.math.BigInteger.valueOf(MAX_RANGE_VALUES)) >= 0) {
      throw new ConfigException(origin, key,
          "a range a..b[:step] needs a ≤ b, step ≥ 1 and at most " + MAX_RANGE_VALUES + " values");
    }
    List<String> values = new ArrayList<>();
    for (java.math.BigInteger v = from; v.compareTo(to) <= 0; v = v.add(step)) {
      values.add(v.toString());
    }
    return values;
  }

  private static List<String> split(String text) {
    List<String> values = new ArrayList<>();
    int depth = 0, start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        values.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    values.add(text.substring(start).strip());
    return values;
  }

  /** The grid, the last axis varying fastest. */
  static List<Point> points(List<Axis> axes) {
    List<Point> points = new ArrayList<>();
    int total = 1;
    for (Axis a : axes) {
      total = Math.multiplyExact(total, a.values().size());
    }
    if (total > 10_000) {
      throw new ConfigException(Origin.of("--sweep"), "", total + " points; a sweep may have at most 10000");
    }
    List<String> keys = axes.stream().map(Axis::key).toList();
    int width = Integer.toString(total).length();
    for (int n = 0; n < total; n++) {
      List<String> overrides = new ArrayList<>();
      List<String> label = new ArrayList<>();
      int rest = n;
      int[] choice = new int[axes.size()];
      for (int a = axes.size() - 1; a >= 0; a--) {
        choice[a] = rest % axes.get(a).values().size();
        rest /= axes.get(a).values().size();
      }
      for (int a = 0; a < axes.size(); a++) {
        String value = axes.get(a).values().get(choice[a]);
        overrides.add(keys.get(a) + "=" + value);
        label.add(shortKey(keys.get(a), keys) + "=" + value);
      }
      String text = String.join(" ", label);
      String dir = String.format(Locale.ROOT, "%0" + width + "d_", n + 1)
          + text.replace(' ', '_').replaceAll("[^A-Za-z0-9._=-]", "_");
      points.add(new Point(n + 1, overrides, text, dir.length() > 120 ? dir.substring(0, 120) : dir));
    }
    return points;
  }

  private static String shortKey(String key, List<String> keys) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    return keys.stream().filter(k -> k.equals(last) || k.endsWith("." + last)).count() == 1 ? last : key;
  }

  /**
   * Validates every point, then runs them {@code jobs} at a time.
   *
   * @return 0 when every point completed, 130 when interrupted, else 1
   * @throws ConfigException for a bad axis or any invalid point, before anything is written
   */
  static int run(Runner runner, Invocation invocation, List<Axis> axes, int jobs, Console console) throws IOException {
    if (jobs < 1) {
      throw new ConfigException(Origin.of("--jobs"), "", "expected at least 1, got " + jobs);
    }
    List<Point> points = points(axes);
    List<Runner.LoadedConfig> loaded = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (Point p : points) {
      List<String> overrides = new ArrayList<>(invocation.overrides());
      overrides.addAll(p.overrides());
      try {
        loaded.add(runner.load(invocation.config(), invocation.configArgument(), overrides));
      } catch (ConfigException e) {
        invalid.add("point " + p.index() + " of " + points.size() + " (" + p.label() + "): " + e.getMessage());
      }
    }
    if (!invalid.isEmpty()) {
      throw new ConfigException(null, "", "the sweep was not started: " + invalid.get(0)
          + (invalid.size() > 1 ? " (and " + (invalid.size() - 1) + " more invalid points)" : ""));
    }
    String name = loaded.get(0).config().name();
    OffsetDateTime start = OffsetDateTime.now(ZoneId.systemDefault());
    RunDirectory sweepDir = RunDirectory.create(invocation.runsRoot(), name + "_sweep", LocalDateTime.from(start));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("name", name);
    record.put("start", start.toString());
    record.put("status", "running");
    record.put("config", invocation.configArgument());
    record.put("overrides", invocation.overrides());
    Map<String, Object> axesRecord = new LinkedHashMap<>();
    axes.forEach(a -> axesRecord.put(a.key(), a.values()));
    record.put("axes", axesRecord);
    record.put("jobs", jobs);
    List<Map<String, Object>> pointRecords = new ArrayList<>();
    for (Point p : points) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("point", p.index());
      r.put("directory", p.directoryName());
      r.put("overrides", p.overrides());
      r.put("status", "pending");
      pointRecords.add(r);
    }
    record.put("points", pointRecords);
    sweepDir.writeAtomically("sweep.yaml", YamlWriter.write(record));
    console.println("sweep of " + points.size() + " points, " + jobs + " at a time → " + sweepDir.path());

    StopSignal stop = StopSignal.forInvocation(invocation.handleSignals());
    long startNanos = System.nanoTime();
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
        Point p = points.get(index);
        Map<String, Object> r = pointRecords.get(index);
        if (stop.requested()) {
          synchronized (r) {
            r.put("status", "not started");
          }
          return;
        }
        long pointStart = System.nanoTime();
        int code;
        String message = "";
        try (RunConsole pointConsole = new RunConsole(new PrintWriter(Writer.nullWriter()), false)) {
          List<String> overrides = new ArrayList<>(invocation.overrides());
          overrides.addAll(p.overrides());
          Invocation pointInvocation = new Invocation(invocation.config(), invocation.configArgument(), overrides,
              sweepDir.path(), invocation.home(), invocation.commandLine(), false);
          RunDirectory dir = RunDirectory.createNamed(sweepDir.path(), p.directoryName());
          code = runner.start(dir, loaded.get(index), pointInvocation, pointConsole, stop,
              OffsetDateTime.now(ZoneId.systemDefault()));
        } catch (IOException | RuntimeException e) {
          code = Runner.EXIT_FAILED;
          message = e.getMessage();
        }
        RunRecord result = RunRecord.read(sweepDir.resolve(p.directoryName()));
        synchronized (r) {
          r.put("status", result.status());
          r.put("exit_code", code);
          if (!message.isEmpty()) {
            r.put("message", message);
          } else {
            Map<String, Object> summary = Runner.readYaml(sweepDir.resolve(p.directoryName()).resolve("summary.yaml"),
                Origin.of(p.directoryName()));
            if (summary.get("message") instanceof String m && !m.isEmpty()) {
              r.put("message", m);
            }
          }
          r.put("final_test_accuracy", result.finalAccuracy());
          r.put("best_test_accuracy", result.bestAccuracy());
          r.put("final_loss", result.finalLoss());
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
      } catch (java.util.concurrent.ExecutionException e) {
        console.println("a sweep point failed unexpectedly: " + e.getCause());
      }
    }

    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map<String, Object> r : pointRecords) {
      counts.merge(String.valueOf(r.get("status")), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((status, n) -> parts.add(n + " " + status));
    record.put("status", String.join(", ", parts));
    record.put("end", OffsetDateTime.now(ZoneId.systemDefault()).toString());
    record.put("wall_seconds", Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0);
    sweepDir.writeAtomically("sweep.yaml", YamlWriter.write(record));
    Table table = table(axes, points, pointRecords);
    sweepDir.writeAtomically("sweep.csv", table.render(Table.Format.CSV));
    console.println(table.render(Table.Format.TABLE).stripTrailing());
    int charts = charts(sweepDir.path(), axes, points);
    console.println("sweep: " + record.get("status") + " in " + record.get("wall_seconds") + " s; " + charts
        + " charts in " + sweepDir.path());
    if (stop.requested()) {
      return Runner.EXIT_INTERRUPTED;
    }
    return counts.getOrDefault(RunStatus.COMPLETED.yamlName(), 0) == points.size() ? Runner.EXIT_COMPLETED
        : Runner.EXIT_FAILED;
  }

  private static Table table(List<Axis> axes, List<Point> points, List<Map<String, Object>> records) {
    List<String> header = new ArrayList<>(List.of("point"));
    axes.forEach(a -> header.add(a.key()));
    header.addAll(List.of("status", "final loss", "final accuracy", "best accuracy", "message"));
    Table t = new Table(header);
    for (int i = 0; i < points.size(); i++) {
      Map<String, Object> r = records.get(i);
      List<String> row = new ArrayList<>(List.of(Integer.toString(points.get(i).index())));
      points.get(i).overrides().forEach(o -> row.add(o.substring(o.indexOf('=') + 1)));
      row.add(String.valueOf(r.get("status")));
      row.add(Table.number((Double) r.get("final_loss")));
      row.add(Table.number((Double) r.get("final_test_accuracy")));
      row.add(Table.number((Double) r.get("best_test_accuracy")));
      row.add(r.get("message") == null ? "" : r.get("message").toString());
      t.add(row);
    }
    return t;
  }

  /**
   * One chart per metric in {@link #CHARTED}: points that differ only by the seed axis form one
   * line (mean, ± std as error bars); without a seed axis, each point is a line.
   */
  static int charts(Path sweepDir, List<Axis> axes, List<Point> points) throws IOException {
    int seedAxis = -1;
    for (int a = 0; a < axes.size(); a++) {
      if (axes.get(a).key().equals("seed")) {
        seedAxis = a;
      }
    }
    Map<String, List<List<MetricRow>>> groups = new LinkedHashMap<>();
    for (Point p : points) {
      Path metrics = sweepDir.resolve(p.directoryName()).resolve(MetricsTable.FILE);
      if (!Files.exists(metrics)) {
        continue;
      }
      List<String> label = new ArrayList<>(List.of(p.label().split(" ")));
      if (seedAxis >= 0) {
        label.remove(seedAxis);
      }
      groups.computeIfAbsent(label.isEmpty() ? "all seeds" : String.join(" ", label), g -> new ArrayList<>())
          .add(MetricsTable.read(metrics).rows());
    }
    int written = 0;
    for (String metric : CHARTED) {
      String words = metric.replace('_', ' ');
      LinePlot plot = new LinePlot(words + (seedAxis >= 0 ? " (mean ± std over seeds)" : "") + " vs step", "step", words);
      for (Map.Entry<String, List<List<MetricRow>>> g : groups.entrySet()) {
        List<SeedAggregate.Point> agg = SeedAggregate.of(g.getValue(), metric);
        if (agg.isEmpty()) {
          continue;
        }
        SeedAggregate.plot(plot, g.getKey(), agg);
      }
      if (plot.hasPoints()) {
        plot.writePng(sweepDir.resolve("sweep_" + metric + ".png"));
        written++;
      }
    }
    return written;
  }
}
