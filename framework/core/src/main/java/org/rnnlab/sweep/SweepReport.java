package org.rnnlab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.archive.Table;
import org.rnnlab.experiment.Console;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.SweepFilesLock;
import org.rnnlab.store.SweepRecord;

/**
 * A sweep's table ({@code sweep.csv}) and charts ({@code sweep_<metric>.png}), made from its point
 * directories at any time, finished or not. The charts are {@code ./run compare}'s: points that
 * differ only by seed form one line, the mean with ± one standard deviation, grouped by their
 * config values (never by label text).
 */
public final class SweepReport {
  /** The metrics the charts draw, where the points have them. */
  static final List<String> CHARTED = List.of("test_accuracy", "test_loss", "loss");

  private SweepReport() {}

  /**
   * The table of points: index, axis values, status (with Slurm's word for points sent there),
   * final loss, final and best test accuracy, message.
   */
  public static Table table(SweepState state) {
    return table(state, p -> true);
  }

  /** The table of the points {@code shown} lets through. */
  public static Table table(SweepState state, java.util.function.Predicate<SweepState.PointState> shown) {
    boolean slurm = !state.record().slurmJobs().isEmpty();
    List<Table.Column> header = new ArrayList<>(List.of(Table.Column.of("point")));
    state.record().axes().keySet().forEach(k -> header.add(new Table.Column(k, k)));
    header.add(Table.Column.of("status"));
    if (slurm) {
      header.add(Table.Column.of("slurm"));
    }
    header.addAll(List.of(new Table.Column("final_loss", "final train loss"), Table.Column.of("final_test_accuracy"),
        Table.Column.of("best_test_accuracy"), Table.Column.of("message")));
    Table t = Table.withColumns(header);
    for (SweepState.PointState p : state.points()) {
      if (!shown.test(p)) {
        continue;
      }
      List<Object> row = new ArrayList<>(List.of(p.record().point()));
      p.record().overrides().forEach(o -> row.add(o.substring(o.indexOf('=') + 1)));
      while (row.size() < 1 + state.record().axes().size()) {
        row.add("");
      }
      RunRecord r = p.run();
      row.add(p.status());
      if (slurm) {
        row.add(p.slurm());
      }
      row.add(r == null ? null : r.finalLoss());
      row.add(r == null ? null : r.finalAccuracy());
      row.add(r == null ? null : r.bestAccuracy());
      row.add(p.message().isEmpty() && r != null && !r.problems().isEmpty() ? r.problems().get(0) : p.message());
      t.add(row);
    }
    return t;
  }

  /**
   * Brings a sweep's files up to date with its points (after a point ended or was resumed): the
   * status of each point in {@code sweep.yaml}, {@code sweep.csv}, and the charts when {@code
   * charts} (drawing them reads every point's metrics).
   *
   * @param end when the sweep ended, to record with its wall time; null to keep what is recorded
   * @return the sweep as written
   */
  public static SweepState refresh(Path sweepDirectory, boolean charts, String end, Double wallSeconds)
      throws IOException {
    try (SweepFilesLock held = SweepFilesLock.take(sweepDirectory)) {
      SweepState state = SweepState.read(sweepDirectory);
      List<SweepRecord.PointRecord> points = new ArrayList<>();
      for (SweepState.PointState p : state.points()) {
        points.add(p.record().withStatus(p.status(), p.message()));
      }
      SweepRecord record = state.record();
      record.withPoints(points, end == null ? record.end() : end, end == null ? record.wallSeconds() : wallSeconds)
          .write(sweepDirectory);
      AtomicFiles.writeString(sweepDirectory.resolve(RunFiles.SWEEP_TABLE), table(state).render(Table.Format.CSV));
      if (charts) {
        writeCharts(sweepDirectory, state);
      }
      return state;
    }
  }

  /** Brings every file of the sweep up to date, charts included. */
  public static SweepState refresh(Path sweepDirectory) throws IOException {
    return refresh(sweepDirectory, true, null, null);
  }

  /**
   * Draws the charts of the points that have a config, and the sweep's map when it has one;
   * returns how many files were written.
   */
  static int writeCharts(Path sweepDirectory, SweepState state) throws IOException {
    List<Path> points = state.pointDirectories().stream()
        .filter(d -> Files.isRegularFile(d.resolve(RunFiles.CONFIG))).toList();
    if (points.isEmpty()) {
      return 0;
    }
    int maps = SweepMapReport.write(sweepDirectory, state);
    return maps + Comparison.of(points).writeCharts(sweepDirectory, "sweep_", CHARTED, false, false).size();
  }

  /**
   * Prints the sweep as it ended: its table of points, then, for a sweep with a map, the training
   * time to reach its threshold per panel (see {@link SweepMapReport}).
   */
  static void print(SweepState state, Console console) {
    table(state).render(Table.Format.TABLE).stripTrailing().lines().forEach(console::println);
    SweepMapReport.timeGrids(state).forEach(text -> text.lines().forEach(console::println));
  }

  /** The number of charts a refresh drew: the sweep's {@code sweep_*.png}. */
  static int chartsIn(Path sweepDirectory) throws IOException {
    try (var files = Files.list(sweepDirectory)) {
      return (int) files.filter(f -> f.getFileName().toString().matches("sweep_.*\\.png")).count();
    }
  }
}
