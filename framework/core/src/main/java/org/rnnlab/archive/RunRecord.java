package org.rnnlab.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.store.Annotations;
import org.rnnlab.store.CheckpointFile;
import org.rnnlab.store.MetricsTable;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunLiveness;
import org.rnnlab.store.RunSummary;
import org.rnnlab.store.SweepRecord;

/**
 * What {@code ./run list} knows of one archived run, read from its files without ever failing: a
 * missing or unreadable summary makes the run "damaged", a summary that says running while its
 * process is gone makes it "incomplete" (killed hard), a torn metrics line is noted.
 *
 * @param directory the run directory
 * @param name the run's name
 * @param start its start time as written, or "-"
 * @param status completed, failed, diverged, interrupted, running, incomplete or damaged (for a
 *     sweep: "sweep")
 * @param steps the last step, or null
 * @param finalLoss the training loss of the last logged row, or null
 * @param finalAccuracy the last test accuracy, or null
 * @param bestAccuracy the best test accuracy, or null
 * @param wallSeconds the wall time, or null
 * @param message the summary's message (why it failed, where it stopped), or empty
 * @param tags the run's tags (see {@link Annotations}); none for a sweep
 * @param notes the run's notes, or empty
 * @param problems what is wrong with the directory, empty when nothing
 */
public record RunRecord(Path directory, String name, String start, String status, Long steps, Double finalLoss,
    Double finalAccuracy, Double bestAccuracy, Double wallSeconds, String message, List<String> tags, String notes,
    List<String> problems) {

  /**
   * True when {@code directory} looks like a run (a config, a summary, or the lock and log a run
   * makes first) or a sweep.
   */
  public static boolean isRun(Path directory) {
    return isSweep(directory) || java.util.stream.Stream.of(RunFiles.CONFIG, RunFiles.SUMMARY, RunFiles.LOCK,
        RunFiles.LOG).anyMatch(f -> Files.exists(directory.resolve(f), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  public static boolean isSweep(Path directory) {
    return Files.isRegularFile(directory.resolve(RunFiles.SWEEP));
  }

  /** Reads what can be read; never throws. */
  public static RunRecord read(Path directory) {
    if (isSweep(directory)) {
      return readSweep(directory);
    }
    List<String> problems = new ArrayList<>();
    RunSummary summary = null;
    boolean neverDescribed = !Files.exists(directory.resolve(RunFiles.CONFIG), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(directory.resolve(RunFiles.SUMMARY), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (neverDescribed) {
      problems.add("it has only its lock and log: the run was killed before it wrote its config");
    } else {
      try {
        summary = RunSummary.read(directory);
      } catch (IOException e) {
        problems.add(message(e));
      }
    }
    String name = summary != null && summary.name() != null ? summary.name() : directory.getFileName().toString();
    String start = summary != null && summary.start() != null ? summary.start() : "-";
    String dead = summary != null && summary.status() == RunStatus.RUNNING ? RunLiveness.deadReason(summary, directory)
        : null;
    String status = status(neverDescribed, summary, dead);
    if (summary != null && "train".equals(summary.experiment())) {
      String checkpoint = checkpointProblem(directory, summary.status() == RunStatus.COMPLETED
          ? "./run eval cannot score it" : "it cannot be resumed");
      if (checkpoint != null) {
        problems.add(checkpoint);
      }
    }
    if (dead != null) {
      problems.add(dead);
    }
    Double steps = summary == null ? null : summary.result("steps");
    Long lastStep = steps == null ? null : steps.longValue();
    Double finalLoss = summary == null ? null : summary.result("final", "loss");
    Double finalAccuracy = summary == null ? null : summary.result("final", "test_accuracy");
    Double bestAccuracy = summary == null ? null : summary.result("best", "test_accuracy");
    Double wall = summary == null ? null : summary.wallSeconds();
    Path metrics = directory.resolve(RunFiles.METRICS);
    if (!neverDescribed && !Files.exists(metrics, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      problems.add(RunFiles.METRICS + " is missing");
    } else if (Files.exists(metrics, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        MetricsTable table = MetricsTable.read(metrics);
        if (table.damagedLines() > 0) {
          problems.add(RunFiles.METRICS + ": " + table.damagedLines() + " damaged line(s) left out");
        }
        List<MetricRow> rows = table.rows();
        if (!rows.isEmpty() && (lastStep == null || !status.equals("completed"))) {
          MetricRow last = rows.get(rows.size() - 1);
          lastStep = lastStep == null ? last.step() : Math.max(lastStep, last.step());
          if (finalLoss == null && last.has("loss")) {
            finalLoss = last.get("loss");
          }
          if (finalAccuracy == null && last.has("test_accuracy")) {
            finalAccuracy = lastNumber(rows, "test_accuracy");
            bestAccuracy = rows.stream().mapToDouble(r -> r.get("test_accuracy")).filter(v -> !Double.isNaN(v))
                .max().stream().boxed().findFirst().orElse(null);
          }
        }
      } catch (IOException e) {
        problems.add(RunFiles.METRICS + " unreadable: " + message(e));
      }
    }
    Annotations annotations = Annotations.NONE;
    try {
      annotations = Annotations.read(directory);
    } catch (IOException e) {
      problems.add("tags and notes unreadable: " + message(e));
    }
    return new RunRecord(directory, name, start, status, lastStep, finalLoss, finalAccuracy, bestAccuracy, wall,
        summary == null ? "" : summary.message(), annotations.tags(), annotations.notes(), List.copyOf(problems));
  }

  /**
   * The status {@link #read} gives a run (not a sweep), from its summary and lock alone: cheap
   * enough to ask every second of a run that is being watched.
   */
  public static String status(Path directory) {
    boolean neverDescribed = !Files.exists(directory.resolve(RunFiles.CONFIG), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(directory.resolve(RunFiles.SUMMARY), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    RunSummary summary = null;
    if (!neverDescribed) {
      try {
        summary = RunSummary.read(directory);
      } catch (IOException e) {
        summary = null;
      }
    }
    String dead = summary != null && summary.status() == RunStatus.RUNNING ? RunLiveness.deadReason(summary, directory)
        : null;
    return status(neverDescribed, summary, dead);
  }

  private static String status(boolean neverDescribed, RunSummary summary, String deadReason) {
    return neverDescribed || deadReason != null ? "incomplete" : summary == null ? "damaged"
        : summary.status().yamlName();
  }

  private static RunRecord readSweep(Path directory) {
    try {
      SweepState state = SweepState.read(directory);
      SweepRecord r = state.record();
      return new RunRecord(directory, r.name() == null ? directory.getFileName().toString() : r.name(),
          r.start() == null ? "-" : r.start(), "sweep: " + state.describe(), null, null, null, null, r.wallSeconds(),
          "", List.of(), "", List.of());
    } catch (IOException e) {
      return new RunRecord(directory, directory.getFileName().toString(), "-", "sweep: damaged", null, null, null,
          null, null, "", List.of(), "", List.of(message(e)));
    }
  }

  /**
   * What is wrong with the checkpoint a training run would be resumed or evaluated from, from its
   * size and header (the checksum is checked when it is read), followed by {@code consequence};
   * null when it looks whole.
   */
  static String checkpointProblem(Path directory, String consequence) {
    Path file = directory.resolve(RunFiles.CHECKPOINT);
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return "no checkpoint: " + consequence;
    }
    try {
      String header = CheckpointFile.header(file);
      return header == null ? null : "the checkpoint is damaged (" + header + "): " + consequence;
    } catch (IOException e) {
      return "the checkpoint is unreadable (" + message(e) + "): " + consequence;
    }
  }

  private static String message(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Double lastNumber(List<MetricRow> rows, String column) {
    for (int i = rows.size() - 1; i >= 0; i--) {
      double v = rows.get(i).get(column);
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    return null;
  }
}
