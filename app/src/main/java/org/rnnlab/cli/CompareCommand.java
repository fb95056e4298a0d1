package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.archive.Table;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.store.Annotations;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run compare}: what differs between runs, and how each ended. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    header = "Compares runs: the settings that differ, a statistic of each metric, overlay charts.",
    description = {
      "Compares runs of the archive: the config keys that differ (resolved configs, defaults included),",
      "a statistic of each metric with the step where it happened, and overlay charts (PNG and SVG)",
      "in runs/<time>_compare/ whose legends name what differs.",
      "A sweep directory stands for its points; runs that differ only by seed are drawn as mean ± std.",
      "",
      "  ./run compare runs/2026-11-26_10-*_memory",
      "  ./run compare 'runs/*_sweep' --stat best --format markdown"
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories or globs (quoted globs are expanded here).")
  List<String> patterns;

  @Option(names = "--stat", paramLabel = "STAT",
      description = "Per metric: last (default), best (highest accuracy, lowest anything else), min or max.")
  Comparison.Stat stat = Comparison.Stat.LAST;

  @Option(names = "--metrics", split = ",", paramLabel = "COLUMN",
      description = "Metrics to compare (default: loss, accuracy, test_loss, test_accuracy, grad_norm); a/b is"
          + " the ratio of two columns, e.g. test_loss/baseline_loss.")
  List<String> metrics = new ArrayList<>(Comparison.DEFAULT_METRICS);

  @Option(names = "--x", paramLabel = "COLUMN",
      description = "The charts' x axis: step (default), train_minutes (training time: a line per run), or"
          + " another column.")
  String x = "step";

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv, json or markdown.")
  Table.Format format = Table.Format.TABLE;

  @Option(names = "--tag", split = ",", paramLabel = "TAG",
      description = "Only the runs (of those given) with every one of these tags.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--no-charts", description = "Prints the tables only.")
  boolean noCharts;

  @Option(names = "--each-run", description = "Charts every run, not the mean ± std of runs that differ only by seed.")
  boolean eachRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Set<Path> directories = new LinkedHashSet<>();
    for (String pattern : patterns) {
      List<Path> matched = expand(pattern);
      if (matched.isEmpty()) {
        throw new ConfigException(Origin.of(pattern), "", "no run directory matches");
      }
      for (Path given : matched) {
        Path p = RunDirectory.insideArchive(given, runs.resolve());
        if (RunRecord.isSweep(p)) {
          SweepState.read(p).pointDirectories().stream()
              .filter(d -> Files.isRegularFile(d.resolve(RunFiles.CONFIG))).forEach(directories::add);
        } else if (Files.isRegularFile(p.resolve(RunFiles.CONFIG))) {
          directories.add(p);
        } else {
          throw new ConfigException(Origin.of(p.toString()), "", "not a run directory (it has no config.yaml)");
        }
      }
    }
    for (String tag : tags) {
      if (Annotations.tagProblem(tag) != null) {
        throw new ConfigException(Origin.of("--tag"), "", Annotations.tagProblem(tag));
      }
    }
    if (!tags.isEmpty()) {
      directories.removeIf(d -> !tagsOf(d).containsAll(tags));
    }
    if (directories.size() < 2) {
      throw new ConfigException(null, "", "compare needs at least two runs, got " + directories.size()
          + (tags.isEmpty() ? "" : " with the tags " + String.join(", ", tags)));
    }
    Comparison comparison;
    try {
      comparison = Comparison.of(List.copyOf(directories));
    } catch (IOException e) {
      throw new ConfigException(null, "", e.getMessage());
    }
    List<String> absent = comparison.absentMetrics(metrics);
    if (!absent.isEmpty()) {
      throw new ConfigException(Origin.of("--metrics"), "", "no run has a column " + String.join(", ", absent)
          + "; the runs have " + String.join(", ", comparison.columns()));
    }
    if (!x.equals("step") && !comparison.absentMetrics(List.of(x)).isEmpty()) {
      throw new ConfigException(Origin.of("--x"), "", "no run has a column " + x + "; expected step, train_minutes"
          + " or one of " + String.join(", ", comparison.columns()));
    }
    if (format == Table.Format.CSV || format == Table.Format.JSON) {
      out.print(comparison.combinedTable(metrics, stat).render(format));
    } else {
      String heading = format == Table.Format.MARKDOWN ? "### " : "";
      out.println(heading + "config: the keys that differ");
      out.print(comparison.differingKeys().isEmpty() ? "(none: the runs have the same config)\n"
          : comparison.configTable().render(format));
      out.println();
      out.println(heading + "metrics: " + stat.name().toLowerCase() + " value @ step");
      out.print(comparison.metricsTable(metrics, stat).render(format));
      Table annotations = comparison.annotationsTable();
      if (!annotations.rows().isEmpty()) {
        out.println();
        out.println(heading + "tags and notes");
        out.print(annotations.render(format));
      }
    }
    if (!noCharts) {
      RunDirectory dir = RunDirectory.create(runs.resolve(), "compare", LocalDateTime.now());
      try {
        List<Path> charts = comparison.writeCharts(dir.path(), "", metrics, eachRun, true, x);
        AtomicFiles.writeString(dir.resolve("comparison.md"), "config: the keys that differ\n\n"
            + comparison.configTable().render(Table.Format.MARKDOWN) + "\nmetrics: " + stat.name().toLowerCase()
            + " value @ step\n\n" + comparison.metricsTable(metrics, stat).render(Table.Format.MARKDOWN));
        AtomicFiles.writeString(dir.resolve("comparison.csv"), comparison.combinedTable(metrics, stat)
            .render(Table.Format.CSV));
        (format == Table.Format.CSV || format == Table.Format.JSON ? err : out)
            .println("\ncharts: " + charts.size() + " files in " + dir.path());
      } catch (IOException | RuntimeException e) { // a full disk: no half-written comparison stays behind
        dir.deleteQuietly();
        throw new ConfigException(Origin.of(runs.resolve().toString()), "", "cannot write the comparison here: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    out.flush();
    return 0;
  }

  private static List<String> tagsOf(Path run) {
    try {
      return Annotations.read(run).tags();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A directory, or a glob (shell-style, relative to the working directory) over directories. */
  static List<Path> expand(String pattern) throws IOException {
    if (!pattern.matches(".*[*?\\[{].*")) {
      Path p = Path.of(pattern);
      return Files.isDirectory(p) ? List.of(p) : List.of();
    }
    Path absolute = Path.of(pattern).toAbsolutePath();
    Path base = absolute.getRoot();
    for (Path part : absolute) {
      if (part.toString().matches(".*[*?\\[{].*")) {
        break;
      }
      base = base.resolve(part);
    }
    PathMatcher matcher = Globs.matcher(absolute.toString(), pattern);
    int depth = absolute.getNameCount() - base.getNameCount();
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    try (Stream<Path> found = Files.walk(base, depth)) {
      return found.filter(Files::isDirectory).filter(matcher::matches).sorted().toList();
    }
  }
}
