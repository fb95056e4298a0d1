package org.rnnlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.cli.Main;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Helpers for tests that run the command line in this JVM and read what it wrote. */
final class Runs {
  private Runs() {}

  /** A short training config on a small memory task. */
  static final String SMALL = """
      name: small
      seed: 3
      task: {type: memory, remember: 5, symbols: 4}
      network: {hidden: 8}
      optimizer: {type: adam, learning_rate: 0.01}
      experiment: {type: train, steps: 40, batch_size: 4, log_every: 10, eval_every: 20, eval_sequences: 30}
      sinks: [console, {type: chart, redraw_seconds: 0}]
      """;

  /** What one command line did. */
  record Result(int exitCode, String out, String err) {}

  static Result execute(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** The run directories under {@code runs}, oldest first. */
  static List<Path> runDirectories(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /**
   * {@code ./run args} in {@code directory}, from the classes the build made: Maven is building
   * right now, so the launcher must not ({@code RNNLAB_SKIP_BUILD}).
   */
  static ProcessBuilder launcher(Path directory, String... args) {
    List<String> command = new ArrayList<>(List.of(LauncherEndToEndTest.ROOT.resolve("run").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().put("RNNLAB_SKIP_BUILD", "1");
    return builder;
  }

  /**
   * Starts {@link #launcher} in the background; its output goes to {@code out.txt} in {@code
   * directory}, its errors to {@code err.txt}.
   */
  static Process startLauncher(Path directory, String... args) throws IOException {
    return launcher(directory, args).redirectOutput(directory.resolve("out.txt").toFile())
        .redirectError(directory.resolve("err.txt").toFile()).start();
  }

  /**
   * Waits, up to two minutes, for the first run under {@code runs} to have a {@code metrics.csv} of
   * more than {@code lines} lines, and returns that file; else stops {@code launcher} (started in
   * {@code directory} by {@link #startLauncher}) and fails with what it printed.
   */
  static Path awaitMetrics(Process launcher, Path runs, int lines, Path directory)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      List<Path> found = runDirectories(runs);
      Path metrics = found.isEmpty() ? null : found.get(0).resolve("metrics.csv");
      if (metrics != null && Files.exists(metrics) && Files.readAllLines(metrics).size() > lines) {
        return metrics;
      }
      Thread.sleep(10);
    }
    launcher.destroyForcibly();
    throw new AssertionError("the run did not log in time: " + Files.readString(directory.resolve("out.txt"))
        + Files.readString(directory.resolve("err.txt")));
  }

  static Map<String, Object> yaml(Path file) throws IOException {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
  }

  static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  static List<String> column(List<CSVRecord> records, String name) {
    return records.stream().map(r -> r.get(name)).toList();
  }
}
