package org.rnnlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.rnnlab.archive.Table;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.math.Dense;
import org.rnnlab.math.FloatDense;
import org.rnnlab.math.Precision;
import org.rnnlab.plot.ChartRenderer;

/**
 * {@code ./run bench}: µs per training sequence of the memory task for rnn, lstm and gru at batch
 * 1 and 32, and the scaling with H and T, measured with JMH (allocation by its GC profiler); in
 * the same invocation the numpy and PyTorch peers run on the same settings, one thread each, and
 * every row gets the ratio peer / rnnlab and, where the project set one, its target. Then µs per
 * character of the text workload (LSTM 2 × 256 and 1 × 512 on tinyshakespeare, S = 64, B = 32)
 * with one and with two threads, beside the PyTorch char-rnn peer with one and with two threads.
 *
 * <pre>
 * ./run bench [--quick] [--no-peers] [--only memory|text] [--peers DIR] [--out DIR]
 * ./run bench --text-curve RUN_DIR PEER_LOG OUT_DIR
 * </pre>
 */
public final class BenchMain {

  /** One measured setting; {@code float32}: {@code network.precision: float32}. */
  record Case(String cell, int batch, int hidden, int steps, boolean float32) {
    Case(String cell, int batch, int hidden, int steps) {
      this(cell, batch, hidden, steps, false);
    }

    String label() {
      return String.format(Locale.ROOT, "%s B=%d H=%d T=%d%s", cell, batch, hidden, steps, float32 ? " float32" : "");
    }

    /** The same setting in float64: what the peers and the float32 speed-up are read against. */
    Case inFloat64() {
      return new Case(cell, batch, hidden, steps);
    }
  }

  /** What one row measured. */
  record Row(Case c, double usPerSequence, double error, double bytesPerSequence, double numpy, double torch,
      double usPerSequence2) {}

  /** The text workload: an LSTM stack ("2x256") on tinyshakespeare, S = 64, B = 32. */
  record TextRow(String layers, double usPerCharacter, double error, double usPerCharacter2, double torch1,
      double torch2, double usPerCharacter32) {
    String label() {
      String[] lh = layers.split("x");
      return "lstm " + lh[0] + " × " + lh[1] + ", S=64 B=32 V=65";
    }
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--text-curve")) {
      System.exit(TextCurve.main(List.of(args).subList(1, args.length)));
    }
    boolean quick = false, peers = true, memoryRows = true, textWorkload = true;
    Path peerDir = null, out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--no-peers" -> peers = false;
        case "--only" -> {
          String which = i + 1 < args.length ? args[++i] : "";
          if (!which.equals("memory") && !which.equals("text")) {
            System.err.println("rnnlab: bench: --only takes memory or text, got '" + which + "'; see ./run bench --help");
            System.exit(2);
          }
          memoryRows = which.equals("memory");
          textWorkload = which.equals("text");
        }
        case "--peers" -> peerDir = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.println("usage: ./run bench [--quick] [--no-peers] [--only memory|text] [--peers DIR] [--out DIR]\n"
              + "       ./run bench --text-curve RUN_DIR PEER_LOG OUT_DIR   (see bench/text-curve.sh)");
          return;
        }
        default -> {
          System.err.println("rnnlab: bench: unknown option " + args[i] + "; see ./run bench --help");
          System.exit(2);
        }
      }
    }
    Path home = Path.of(System.getProperty("rnnlab.home", "."));
    if (peerDir == null) {
      peerDir = home.resolve("bench").resolve("peers");
    }
    if (out == null) {
      out = home.resolve("runs").resolve("bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
          "yyyy-MM-dd_HH-mm-ss")));
    }
    Files.createDirectories(out);
    Peers peerRunner = peers ? new Peers(peerDir) : null;
    System.out.println("rnnlab bench · kernels " + Dense.kernels() + ", float32 " + FloatDense.kernels() + " · Java " + System.getProperty("java.runtime.version")
        + " · " + cpu() + " · peers: " + (peerRunner == null ? "off" : peerRunner.describe()));

    List<Case> cases = new ArrayList<>();
    for (String cell : List.of("rnn", "lstm", "gru")) {
      for (int batch : List.of(1, 32)) {
        cases.add(new Case(cell, batch, 50, 27));
      }
    }
    for (int batch : List.of(1, 32)) {
      for (int hidden : List.of(128, 256)) {
        cases.add(new Case("rnn", batch, hidden, 27));
      }
      for (int steps : List.of(101, 1001)) {
        cases.add(new Case("rnn", batch, 50, steps));
      }
    }
    for (Case c : List.of(new Case("rnn", 1, 50, 27), new Case("rnn", 32, 50, 27), new Case("lstm", 1, 50, 27),
        new Case("lstm", 32, 50, 27), new Case("gru", 32, 50, 27), new Case("rnn", 32, 256, 27))) {
      cases.add(new Case(c.cell(), c.batch(), c.hidden(), c.steps(), true));
    }
    double[] ceilings = ceiling(quick, out.resolve("jmh-ceiling.log"));
    double ceiling = ceilings[0], ceiling32 = ceilings[2];
    System.out.println(String.format(Locale.ROOT, "  machine ceiling: %.1f GFLOP/s on one thread (the best of our dense"
        + " product at %s); two threads at once %.1f together (×%.2f); in float32 %.1f on one thread", ceiling,
        String.join(", ", CEILING_SHAPES), ceilings[1], ceilings[1] / ceiling, ceiling32));
    List<Row> rows = new ArrayList<>();
    Map<Case, Double> torchOf = new java.util.HashMap<>(); // the peer runs float32 either way: once per setting
    for (Case c : memoryRows ? cases : List.<Case>of()) {
      double[] measured = measure(c, 1, quick, out.resolve("jmh-" + rows.size() + ".log"));
      boolean twoThreads = !c.float32()
          && (c.batch() > 1 || (c.cell().equals("rnn") && c.hidden() == 50 && c.steps() == 27));
      double[] measured2 = twoThreads ? measure(c, 2, quick, out.resolve("jmh-" + rows.size() + "-2.log"))
          : new double[] {Double.NaN, Double.NaN, Double.NaN};
      double numpy = peerRunner != null && c.cell().equals("rnn") && c.batch() == 1 && !c.float32()
          ? peerRunner.numpy(c) : Double.NaN;
      Double torch = torchOf.get(c.inFloat64());
      if (torch == null) {
        torch = peerRunner != null ? peerRunner.torch(c.inFloat64()) : Double.NaN;
        torchOf.put(c.inFloat64(), torch);
      }
      Row row = new Row(c, measured[0] / c.batch(), measured[1] / c.batch(), measured[2] / c.batch(), numpy, torch,
          measured2[0] / c.batch());
      rows.add(row);
      System.out.println(String.format(Locale.ROOT, "  %-26s %9.2f µs/sequence (%.0f %% of the ceiling; 2 threads %s)"
          + "  %6.0f B/sequence%s%s", c.label(), row.usPerSequence(), 100 * fraction(flops(c), row.usPerSequence(),
          c.float32() ? ceiling32 : ceiling), f1(row.usPerSequence2()), row.bytesPerSequence(), Double.isNaN(numpy) ? "" : String.format(Locale.ROOT,
          "  numpy %.1f (×%.1f)", numpy, numpy / row.usPerSequence()), Double.isNaN(torch) ? "" : String.format(
          Locale.ROOT, "  torch %.1f (×%.1f)", torch, torch / row.usPerSequence())));
    }
    List<TextRow> textRows = new ArrayList<>();
    Path text = home.resolve("data").resolve("tinyshakespeare.txt");
    for (String layers : textWorkload ? List.of("2x256", "1x512") : List.<String>of()) {
      double[] measured = measureText(layers, 1, Precision.FLOAT64, text, quick, out.resolve("jmh-text-" + layers + ".log"));
      double[] measured2 = measureText(layers, 2, Precision.FLOAT64, text, quick, out.resolve("jmh-text-" + layers + "-2.log"));
      double[] measured32 = measureText(layers, 1, Precision.FLOAT32, text, quick,
          out.resolve("jmh-text-" + layers + "-float32.log"));
      double perStep = TEXT_BATCH * TEXT_CHUNK;
      double torch1 = peerRunner != null ? peerRunner.torchChar(text, layers, 1, quick) : Double.NaN;
      double torch2 = peerRunner != null ? peerRunner.torchChar(text, layers, 2, quick) : Double.NaN;
      TextRow row = new TextRow(layers, measured[0] / perStep, measured[1] / perStep, measured2[0] / perStep,
          torch1, torch2, measured32[0] / perStep);
      textRows.add(row);
      System.out.println(String.format(Locale.ROOT, "  %-30s %8.1f µs/character (2 threads %.1f; float32 %.1f)%s%s",
          row.label(), row.usPerCharacter(), row.usPerCharacter2(), row.usPerCharacter32(),
          Double.isNaN(torch1) ? "" : String.format(Locale.ROOT, "  torch 1 thread %.1f (×%.1f)", torch1,
              torch1 / row.usPerCharacter()),
          Double.isNaN(torch2) ? "" : String.format(Locale.ROOT, "  torch 2 threads %.1f (×%.1f)", torch2,
              torch2 / row.usPerCharacter())));
    }
    Table table = table(rows, ceiling, ceiling32);
    Table textTable = textTable(textRows, ceiling);
    System.out.println();
    System.out.print(table.render(Table.Format.TABLE));
    System.out.println();
    System.out.print(textTable.render(Table.Format.TABLE));
    List<String> verdicts = verdicts(rows, textRows);
    verdicts.add(String.format(Locale.ROOT, "(the machine: two threads of independent dense products give ×%.2f one)",
        ceilings[1] / ceiling));
    if (Dense.kernels().contains("4 doubles")) {
      verdicts.add("(the one-thread targets were set on a machine with AVX-512, 8 doubles per vector; this one has 4)");
    }
    verdicts.forEach(System.out::println);
    Files.writeString(out.resolve("bench.csv"), table.render(Table.Format.CSV), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("bench-text.csv"), textTable.render(Table.Format.CSV), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("bench.md"), "kernels " + Dense.kernels() + ", Java " + System.getProperty(
        "java.runtime.version") + ", " + cpu() + String.format(Locale.ROOT, ", ceiling %.1f GFLOP/s on one thread, %.1f on two,"
        + " %.1f in float32 on one", ceiling, ceilings[1], ceiling32) + "\n\n" + table.render(Table.Format.MARKDOWN) + "\n"
        + textTable.render(Table.Format.MARKDOWN) + "\n" + String.join("\n", verdicts) + "\n", StandardCharsets.UTF_8);
    chart(rows, true, out.resolve("bench-scaling-hidden.png"));
    chart(rows, false, out.resolve("bench-scaling-steps.png"));
    System.out.println("results in " + out);
  }

  /** {µs per op, its error, bytes allocated per op}. */
  static double[] measure(Case c, int threads, boolean quick, Path log) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(TrainingStepBenchmark.class.getName() + ".trainingStep")
        .param("cell", c.cell()).param("batch", Integer.toString(c.batch())).param("threads", Integer.toString(threads))
        .param("hidden", Integer.toString(c.hidden())).param("steps", Integer.toString(c.steps()))
        .param("precision", (c.float32() ? Precision.FLOAT32 : Precision.FLOAT64).name())
        .addProfiler(GCProfiler.class).forks(1).verbosity(VerboseMode.SILENT)
        .timeUnit(TimeUnit.MICROSECONDS)
        .output(log.toString()); // JMH's own report, and what the forked JVMs print, go to jmh.log
    if (quick) {
      options.warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
          .measurementTime(TimeValue.milliseconds(500));
    }
    RunResult result = new Runner(options.build()).runSingle();
    Result<?> primary = result.getPrimaryResult();
    return new double[] {primary.getScore(), primary.getScoreError(), steadyAllocation(result)};
  }

  /**
   * Bytes allocated per operation in the steady state: the least of the measurement iterations.
   * Their mean would count the JIT's warm-up, which on a slow machine can reach into the first
   * iterations (rnn B=1 H=256: about 150 B per sequence in the first four 1-s iterations while the
   * gradient norm's code was not yet compiled by C2, 7 from then on).
   */
  static double steadyAllocation(RunResult result) {
    return result.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
        .map(i -> i.getSecondaryResults().get("gc.alloc.rate.norm")).filter(java.util.Objects::nonNull)
        .mapToDouble(Result::getScore).min().orElse(Double.NaN);
  }

  /** B and S of the text workload. */
  static final int TEXT_BATCH = 32, TEXT_CHUNK = 64;

  /** {µs per training step of B × S characters, its error}, the products on {@code threads} threads. */
  static double[] measureText(String layers, int threads, Precision precision, Path text, boolean quick, Path log)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(TextStepBenchmark.class.getName() + ".trainingStep")
        .param("layers", layers).param("batch", Integer.toString(TEXT_BATCH)).param("chunk", Integer.toString(TEXT_CHUNK))
        .param("threads", Integer.toString(threads)).param("precision", precision.name())
        .param("text", text.toAbsolutePath().toString())
        .forks(1).verbosity(VerboseMode.SILENT).timeUnit(TimeUnit.MICROSECONDS).output(log.toString());
    if (quick) {
      options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    Result<?> primary = new Runner(options.build()).runSingle().getPrimaryResult();
    return new double[] {primary.getScore(), primary.getScoreError()};
  }

  /** The shapes (m×k×n) of the ceiling's dense product; the best counts. */
  static final List<String> CEILING_SHAPES = List.of("256x256x32", "128x128x128", "512x512x16");

  /**
   * {GFLOP/s of our dense product on one thread at its best shape, GFLOP/s of two threads running
   * it at once, each on its own matrices, together, GFLOP/s of the float32 product on one thread at
   * its best shape} ({@link CeilingBenchmark}). The second over the first is the most two threads
   * can give on this machine.
   */
  static double[] ceiling(boolean quick, Path log) throws RunnerException {
    double best = 0, best32 = 0;
    String bestShape = CEILING_SHAPES.get(0);
    for (String shape : CEILING_SHAPES) {
      double gflops = ceiling(shape, 1, Precision.FLOAT64, quick, log);
      if (gflops > best) {
        best = gflops;
        bestShape = shape;
      }
      best32 = Math.max(best32, ceiling(shape, 1, Precision.FLOAT32, quick, log));
    }
    return new double[] {best, ceiling(bestShape, 2, Precision.FLOAT64, quick, log), best32};
  }

  private static double ceiling(String shape, int threads, Precision precision, boolean quick, Path log)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(CeilingBenchmark.class.getName() + ".product").param("shape", shape).param("precision", precision.name())
        .threads(threads).forks(1).verbosity(VerboseMode.SILENT).timeUnit(TimeUnit.MICROSECONDS)
        .output(log.toString() + "." + shape + "." + threads + "." + precision);
    if (quick) {
      options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
          .measurementTime(TimeValue.milliseconds(500));
    }
    double us = new Runner(options.build()).runSingle().getPrimaryResult().getScore(); // per product, per thread
    String[] mkn = shape.split("x");
    double flops = 2.0 * Integer.parseInt(mkn[0]) * Integer.parseInt(mkn[1]) * Integer.parseInt(mkn[2]);
    return threads * flops / us / 1e3;
  }

  /** Gates of a cell: the H×H products of one step. */
  private static int gates(String cell) {
    return cell.equals("lstm") ? 4 : cell.equals("gru") ? 3 : 1;
  }

  /**
   * FLOPs of one training sequence of the memory task: per step the recurrent products (2·G·H²)
   * and the readout (2·K·H) forward, twice that backward (dU and dh₋₁; dV and dh); the one-hot
   * input is a gather, the gates' elementwise work is left out. rnn H = 50, T = 27: 0.49 MFLOP.
   */
  static double flops(Case c) {
    int k = 10; // 8 symbols, the delimiter and the blank
    return c.steps() * 3.0 * (2.0 * gates(c.cell()) * c.hidden() * c.hidden() + 2.0 * k * c.hidden());
  }

  /** FLOPs of one training character of the text workload (LSTM layers "LxH", V = 65), counted as {@link #flops(Case)}. */
  static double textFlops(String layers) {
    String[] lh = layers.split("x");
    int count = Integer.parseInt(lh[0]), h = Integer.parseInt(lh[1]);
    double perStep = 2.0 * 4 * h * h * count + 2.0 * 4 * h * h * (count - 1) + 2.0 * 65 * h;
    return 3 * perStep;
  }

  /** The fraction of the ceiling a row reaches: its FLOP rate over the ceiling's. */
  static double fraction(double flops, double us, double ceilingGflops) {
    return flops / us / 1e3 / ceilingGflops;
  }

  private static Table textTable(List<TextRow> rows, double ceiling) {
    Table t = new Table(List.of("text workload", "rnnlab 1 thread µs/char", "± (99.9%)", "of ceiling",
        "torch 1 thread µs/char", "torch/rnnlab", "rnnlab 2 threads µs/char", "2 threads/1", "torch 2 threads µs/char",
        "torch/rnnlab 2 threads", "rnnlab float32 1 thread µs/char", "float32/float64", "torch/rnnlab float32"));
    for (TextRow r : rows) {
      t.add(List.of(r.label(), f1(r.usPerCharacter()), f1(r.error()),
          percent(fraction(textFlops(r.layers()), r.usPerCharacter(), ceiling)), f1(r.torch1()),
          ratio(r.torch1(), r.usPerCharacter()), f1(r.usPerCharacter2()), ratio(r.usPerCharacter(), r.usPerCharacter2()),
          f1(r.torch2()), ratio(r.torch2(), r.usPerCharacter2()), f1(r.usPerCharacter32()),
          ratio(r.usPerCharacter(), r.usPerCharacter32()), ratio(r.torch1(), r.usPerCharacter32())));
    }
    return t;
  }

  private static Table table(List<Row> rows, double ceiling, double ceiling32) {
    Table t = new Table(List.of("case", "rnnlab µs/seq", "± (99.9%)", "of ceiling", "alloc B/seq", "2 threads µs/seq",
        "2 threads/1", "numpy µs/seq", "numpy/rnnlab", "torch µs/seq", "torch/rnnlab"));
    for (Row r : rows) {
      t.add(List.of(r.c().label(), f1(r.usPerSequence()), f1(r.error()),
          percent(fraction(flops(r.c()), r.usPerSequence(), r.c().float32() ? ceiling32 : ceiling)),
          f0(r.bytesPerSequence()), f1(r.usPerSequence2()),
          ratio(r.usPerSequence(), r.usPerSequence2()), f1(r.numpy()), ratio(r.numpy(), r.usPerSequence()), f1(r.torch()),
          ratio(r.torch(), r.usPerSequence())));
    }
    return t;
  }

  /** The targets of the speed issue, each with its verdict. */
  static List<String> verdicts(List<Row> rows, List<TextRow> textRows) {
    List<String> v = new ArrayList<>();
    // The second round (one thread, float64; set on a machine with AVX-512).
    // float32 (network.precision): rnn ≤ 7 and lstm ≤ 22 at batch 32, on the same machine.
    Map<String, Double> limits = Map.of("rnn 1", 20.0, "rnn 32", 12.0, "lstm 32", 40.0, "gru 32", 30.0,
        "rnn 32 float32", 7.0, "lstm 32 float32", 22.0);
    for (Row r : rows) {
      Case c = r.c();
      String key = c.cell() + " " + c.batch() + (c.float32() ? " float32" : "");
      Double limit = c.hidden() == 50 && c.steps() == 27 ? limits.get(key) : null;
      if (limit != null) {
        v.add(String.format(Locale.ROOT, "%s%s batch %d%s ≤ %.0f µs per sequence on one thread: %.1f",
            r.usPerSequence() <= limit ? "met    " : "MISSED ", c.cell(), c.batch(), c.float32() ? " float32" : "", limit,
            r.usPerSequence()));
      }
      Row float64 = c.float32() ? find(rows, c.inFloat64()) : null;
      if (float64 != null) {
        v.add(String.format(Locale.ROOT, "        %s: float32 ×%.2f the speed of float64", c.label(),
            float64.usPerSequence() / r.usPerSequence()));
      }
      if (c.batch() == 32 && c.hidden() >= 128 && !Double.isNaN(r.usPerSequence2())) {
        v.add(verdict(c.label() + ": 2 threads ≥ 1.7× one", r.usPerSequence() / r.usPerSequence2(), 1.7));
      }
      if (c.batch() == 1 && !Double.isNaN(r.usPerSequence2())) {
        double slower = r.usPerSequence2() / r.usPerSequence();
        v.add(String.format(Locale.ROOT, "%s%s: 2 threads no slower than one (within 10 %%): ×%.2f the time",
            slower <= 1.1 ? "met    " : "MISSED ", c.label(), slower));
      }
    }
    Row rnn1 = find(rows, "rnn", 1, 50, 27);
    for (String gated : List.of("lstm", "gru")) {
      Row g = find(rows, gated, 1, 50, 27);
      if (rnn1 != null && g != null) {
        double times = g.usPerSequence() / rnn1.usPerSequence();
        v.add(String.format(Locale.ROOT, "%s%s batch 1 ≤ 2.5× rnn batch 1: ×%.2f", times <= 2.5 ? "met    " : "MISSED ",
            gated, times));
      }
    }
    for (TextRow t : textRows) {
      v.add(verdict("text " + t.label() + ": 2 threads ≥ 1.7× one", t.usPerCharacter() / t.usPerCharacter2(), 1.7));
    }
    for (Row r : rows) {
      Case c = r.c();
      if (c.hidden() != 50 || c.steps() != 27 || c.float32()) {
        continue;
      }
      if (c.cell().equals("rnn") && c.batch() == 1 && !Double.isNaN(r.numpy())) {
        v.add(verdict("rnn batch 1 ≥ 10× faster than the numpy peer", r.numpy() / r.usPerSequence(), 10));
      }
      if (c.batch() == 32 && !Double.isNaN(r.torch())) {
        v.add(verdict(c.cell() + " batch 32 ≥ 3× faster than the PyTorch peer", r.torch() / r.usPerSequence(), 3));
      }
      Row r32 = find(rows, new Case(c.cell(), c.batch(), c.hidden(), c.steps(), true));
      if (r32 != null && !Double.isNaN(r32.torch())) { // PyTorch runs float32: the like-for-like comparison
        v.add(String.format(Locale.ROOT, "        %s batch %d float32 against the PyTorch peer (float32): ×%.1f faster",
            c.cell(), c.batch(), r32.torch() / r32.usPerSequence()));
      }
    }
    if (rows.isEmpty()) {
      return v;
    }
    double worst = rows.stream().mapToDouble(Row::bytesPerSequence).filter(b -> !Double.isNaN(b)).max().orElse(0);
    v.add((worst <= 64 ? "met    " : "MISSED ") + String.format(Locale.ROOT,
        "allocation ≤ 64 B per training sequence: at most %.1f", worst));
    for (int batch : List.of(1, 32)) {
      Row t27 = find(rows, "rnn", batch, 50, 27), t1001 = find(rows, "rnn", batch, 50, 1001);
      Row h50 = t27, h256 = find(rows, "rnn", batch, 256, 27);
      if (t27 != null && t1001 != null) {
        double perStep27 = t27.usPerSequence() / 27, perStep1001 = t1001.usPerSequence() / 1001;
        v.add(String.format(Locale.ROOT, "%scost per step, T 27 → 1001, batch %d: %.3f → %.3f µs (×%.2f; linear in T"
            + " keeps it near 1)", perStep1001 <= 1.5 * perStep27 ? "met    " : "MISSED ", batch, perStep27, perStep1001,
            perStep1001 / perStep27));
      }
      if (h50 != null && h256 != null) {
        double growth = h256.usPerSequence() / h50.usPerSequence(), h2 = Math.pow(256.0 / 50, 2);
        v.add(String.format(Locale.ROOT, "%sH 50 → 256, batch %d: ×%.1f the time (H² would be ×%.1f)",
            growth <= 1.2 * h2 ? "met    " : "MISSED ", batch, growth, h2));
      }
    }
    return v;
  }

  private static String verdict(String target, double ratio, double needed) {
    return String.format(Locale.ROOT, "%s%s: ×%.1f", ratio >= needed ? "met    " : "MISSED ", target, ratio);
  }

  private static Row find(List<Row> rows, String cell, int batch, int hidden, int steps) {
    return find(rows, new Case(cell, batch, hidden, steps));
  }

  private static Row find(List<Row> rows, Case c) {
    return rows.stream().filter(r -> r.c().equals(c)).findFirst().orElse(null);
  }

  /** µs per sequence against H (T = 27) or against T (H = 50), log-log, a line per implementation and batch. */
  private static void chart(List<Row> rows, boolean byH, Path file) throws IOException {
    LineChart plot = new LineChart("µs per training sequence, rnn on the memory task, " + (byH ? "T = 27" : "H = 50"),
        byH ? "hidden units H" : "steps per sequence T", "µs per sequence").xScale(LineChart.Scale.LOG)
        .yScale(LineChart.Scale.LOG);
    for (int batch : List.of(1, 32)) {
      for (String source : List.of("rnnlab", "torch", "numpy")) {
        List<double[]> points = new ArrayList<>();
        for (Row r : rows) {
          Case c = r.c();
          if (!c.cell().equals("rnn") || c.batch() != batch || c.float32()
              || (byH ? c.steps() != 27 : c.hidden() != 50)) {
            continue;
          }
          double y = source.equals("rnnlab") ? r.usPerSequence() : source.equals("torch") ? r.torch() : r.numpy();
          points.add(new double[] {byH ? c.hidden() : c.steps(), y});
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        if (points.stream().anyMatch(p -> !Double.isNaN(p[1]))) {
          plot.series(source + " B=" + batch, points.stream().mapToDouble(p -> p[0]).toArray(),
              points.stream().mapToDouble(p -> p[1]).toArray());
        }
      }
    }
    ChartRenderer renderer = new ChartRenderer(plot);
    if (renderer.hasPoints()) {
      renderer.writePng(file);
    }
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * v);
  }

  private static String f0(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String ratio(double peer, double ours) {
    return Double.isNaN(peer) || Double.isNaN(ours) ? "-" : String.format(Locale.ROOT, "×%.1f", peer / ours);
  }

  static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip() + ", " + Runtime.getRuntime().availableProcessors()
              + " cores";
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  /** The peer scripts of bench/peers (the original numpy design, PyTorch), run one thread each. */
  static final class Peers {
    private static final Pattern NUMBER = Pattern.compile("%s=([0-9.]+)");
    private final Path dir;
    private final boolean numpy;
    private final boolean torch;

    Peers(Path dir) {
      this.dir = dir;
      this.numpy = Files.exists(dir.resolve("numpy_rnn.py")) && works("python3", "-c", "import numpy");
      this.torch = Files.exists(dir.resolve("torch_rnn.py")) && works("/usr/bin/python3", "-c", "import torch");
    }

    String describe() {
      if (!numpy && !torch) {
        return "none found in " + dir;
      }
      return (numpy ? "numpy" : "") + (numpy && torch ? " and " : "") + (torch ? "PyTorch" : "") + " from " + dir;
    }

    /** µs per sequence of the numpy design at batch 1, or NaN. */
    double numpy(Case c) throws IOException, InterruptedException {
      if (!numpy) {
        return Double.NaN;
      }
      long iterations = Math.max(20, Math.round(2e6 / (22.0 * c.steps() * Math.pow(c.hidden() / 50.0, 2))));
      String out = run(List.of("python3", dir.resolve("numpy_rnn.py").toString(), Long.toString(iterations), "0.01",
          Integer.toString(c.hidden()), "1.0", "0", Integer.toString((c.steps() - 1) / 2)));
      return value(out, "us_per_iter");
    }

    /** µs per sequence of PyTorch (float32, one thread), or NaN. */
    double torch(Case c) throws IOException, InterruptedException {
      if (!torch) {
        return Double.NaN;
      }
      double estimate = (c.batch() == 1 ? 800 : 110) * (c.cell().equals("lstm") ? 3 : c.cell().equals("gru") ? 2.5 : 1)
          * c.steps() / 27.0 * Math.pow(c.hidden() / 50.0, 1.5) * c.batch();
      long iterations = Math.max(20, Math.round(3e6 / estimate));
      String out = run(List.of("/usr/bin/python3", dir.resolve("torch_rnn.py").toString(), Long.toString(iterations),
          "0.01", Integer.toString(c.hidden()), Integer.toString(c.batch()), "adam", "1.0", "0",
          Integer.toString((c.steps() - 1) / 2), c.cell()));
      return value(out, "us_per_seq");
    }

    /**
     * µs per training character of the PyTorch char-rnn peer (float32) on the same text, model, S,
     * B and optimizer, with {@code threads} threads, or NaN. Trains for 15 s (60 s without --quick).
     */
    double torchChar(Path text, String layers, int threads, boolean quick) throws IOException, InterruptedException {
      if (!torch || !Files.exists(dir.resolve("torch_char.py"))) {
        return Double.NaN;
      }
      String[] lh = layers.split("x");
      String out = run(List.of("/usr/bin/python3", dir.resolve("torch_char.py").toString(), text.toString(), "lstm",
          lh[1], lh[0], Integer.toString(TEXT_CHUNK), Integer.toString(TEXT_BATCH), "0.002", quick ? "15" : "60",
          Integer.toString(threads), "0", "--eval-every=1000000"), threads);
      return value(out, "us_per_char");
    }

    private static double value(String out, String key) {
      Matcher m = Pattern.compile(String.format(NUMBER.pattern(), key)).matcher(out);
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
      return run(command, 1); // one thread, like rnnlab's training
    }

    private static String run(List<String> command, int threads) throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      for (String var : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
        env.put(var, Integer.toString(threads));
      }
      Process p = builder.start();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor();
      return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean works(String... command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }
  }
}
