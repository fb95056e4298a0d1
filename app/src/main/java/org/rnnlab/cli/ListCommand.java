package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.sweep.SweepReport;
import org.rnnlab.archive.Table;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Text;
import org.rnnlab.store.Annotations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run list}: the archived runs, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "Lists the archived runs, newest first, with their status and final results.",
    description = {
      "Lists the archived runs, newest first: directory, name, start, status, steps, final train loss,",
      "final and best test accuracy, wall time and tags.",
      "A run killed hard shows as incomplete and a damaged directory as damaged, with what is wrong below the table.",
      "Given a sweep directory, it lists the sweep's points."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "A directory of runs, or a sweep (default: the archive).")
  Path directory;

  @Option(names = "--status", split = ",", paramLabel = "STATUS",
      description = "Only runs with one of these statuses: completed, failed, diverged, interrupted, running,"
          + " incomplete, damaged, sweep; in a sweep also pending, lost, not started.")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--name", paramLabel = "GLOB", description = "Only runs whose name matches this glob, e.g. 'memory*'.")
  String name;

  @Option(names = "--tag", split = ",", paramLabel = "TAG",
      description = "Only runs with every one of these tags (./run tag adds them).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv, json or markdown.")
  Table.Format format = Table.Format.TABLE;

  /** The statuses --status takes. */
  static final List<String> STATUSES = List.of("completed", "failed", "diverged", "interrupted", "running",
      "incomplete", "damaged", "sweep", "pending", "lost", "not started");

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Path root = directory != null ? directory : runs.resolve();
    if (!Files.isDirectory(root)) {
      if (directory != null) {
        throw new ConfigException(Origin.of(root.toString()), "", "no such directory");
      }
      out.println("no runs yet (" + Text.inert(root.toString()) + " does not exist)");
      return 0;
    }
    if (directory != null && !RunRecord.isSweep(root) && RunRecord.isRun(root)) {
      throw new ConfigException(Origin.of(root.toString()), "", "is a run, not a directory of runs or a sweep;"
          + " ./run list shows it in its archive (" + root.getParent() + ")");
    }
    for (String status : statuses) {
      if (!STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(Origin.of("--status"), "", "unknown status '" + status + "'; expected one of "
            + String.join(", ", STATUSES));
      }
    }
    for (String tag : tags) {
      if (Annotations.tagProblem(tag) != null) {
        throw new ConfigException(Origin.of("--tag"), "", Annotations.tagProblem(tag));
      }
    }
    if (directory != null && RunRecord.isSweep(root)) {
      return listSweep(root, out);
    }
    PathMatcher names = name == null ? null : Globs.matcher(name, "--name");
    List<RunRecord> records = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.filter(Files::isDirectory).filter(RunRecord::isRun).toList()) {
        RunRecord r = RunRecord.read(child);
        if (names != null && !names.matches(Path.of(r.name()))) {
          continue;
        }
        if (!statuses.isEmpty() && statuses.stream().noneMatch(s -> r.status().startsWith(s.toLowerCase(Locale.ROOT)))) {
          continue;
        }
        if (!r.tags().containsAll(tags)) {
          continue;
        }
        records.add(r);
      }
    }
    records.sort(Comparator.comparing((RunRecord r) -> r.directory().getFileName().toString()).reversed());
    boolean machine = format == Table.Format.CSV || format == Table.Format.JSON;
    List<Table.Column> columns = new ArrayList<>(List.of(Table.Column.of("run"), Table.Column.of("name"),
        Table.Column.of("start"), Table.Column.of("status"), Table.Column.of("steps"),
        new Table.Column("final_loss", "final train loss"), Table.Column.of("final_test_accuracy"),
        Table.Column.of("best_test_accuracy"), new Table.Column("wall_seconds", "wall s"), Table.Column.of("tags")));
    if (machine) {
      columns.add(Table.Column.of("problems"));
    }
    Table table = Table.withColumns(columns);
    for (RunRecord r : records) {
      List<Object> row = new ArrayList<>(List.of(r.directory().getFileName().toString(), r.name(),
          machine ? r.start() : shortTime(r.start()), r.status()));
      row.add(r.steps());
      row.add(r.finalLoss());
      row.add(r.finalAccuracy());
      row.add(r.bestAccuracy());
      row.add(r.wallSeconds() == null ? null : machine ? (Object) r.wallSeconds()
          : String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
      row.add(String.join(" ", r.tags()));
      if (machine) {
        row.add(String.join("; ", r.problems()));
      }
      table.add(row);
    }
    if (records.isEmpty() && !machine) {
      out.println("no runs match in " + root);
      return 0;
    }
    out.print(table.render(format));
    if (!machine) {
      for (RunRecord r : records) {
        for (String problem : r.problems()) {
          out.println("  ! " + Text.line(r.directory().getFileName() + ": " + problem, 500));
        }
      }
    }
    out.flush();
    return 0;
  }

  /**
   * A sweep's points, from their directories and, for points sent to Slurm, from Slurm: pending
   * points without a directory too, and lost ones (Slurm says their task ended, their summary
   * says running).
   */
  private int listSweep(Path root, PrintWriter out) throws IOException {
    SweepState state;
    try {
      state = SweepState.read(root);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(root.toString()), "", "unreadable sweep: " + e.getMessage());
    }
    Table table = SweepReport.table(state, p -> statuses.isEmpty()
        || statuses.stream().anyMatch(s -> p.status().startsWith(s.toLowerCase(Locale.ROOT))));
    out.print(table.render(format));
    if (format == Table.Format.TABLE || format == Table.Format.MARKDOWN) {
      out.println("sweep: " + state.describe() + (state.live() ? " (being run now)" : ""));
      if (state.slurmProblem() != null) {
        out.println("  ! Slurm was not asked: " + Text.line(state.slurmProblem(), 500));
      }
    }
    out.flush();
    return 0;
  }

  /** "2026-11-26T06:04:04.123+00:00" → "2026-11-26 06:04:04". */
  static String shortTime(String start) {
    return start.length() >= 19 && start.charAt(10) == 'T' ? start.substring(0, 10) + " " + start.substring(11, 19) : start;
  }
}
