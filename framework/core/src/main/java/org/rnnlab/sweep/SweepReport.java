package org.rnnlab.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.archive.Table;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.RunFiles;
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

  /** The table of points: index, axis values, status, final loss, final and best test accuracy, message. */
  public static Table table(SweepState state) {
    List<Table.Column> header = new ArrayList<>(List.of(Table.Column.of("point")));
    state.record().axes().keySet().forEach(k -> header.add(new Table.Column(k, k)));
    header.addAll(List.of(Table.Column.of("status"), new Table.Column("final_loss", "final train loss"),
        Table.Column.of("final_test_accuracy"), Table.Column.of("best_test_accuracy"), Table.Column.of("message")));
    Table t = Table.withColumns(header);
    for (SweepState.PointState p : state.points()) {
      List<Object> row = new ArrayList<>(List.of(p.record().point()));
      p.record().overrides().forEach(o -> row.add(o.substring(o.indexOf('=') + 1)));
      while (row.size() < 1 + state.record().axes().size()) {
        row.add("");
      }
      RunRecord r = p.run();
      row.add(p.status());
      row.add(r == null ? null : r.finalLoss());
      row.add(r == null ? null : r.finalAccuracy());
      row.add(r == null ? null : r.bestAccuracy());
      row.add(p.record().message().isEmpty() && r != null && !r.problems().isEmpty() ? r.problems().get(0)
          : p.record().message());
      t.add(row);
    }
    return t;
  }

  /**
   * Brings a sweep's files up to date with its points (after a point was resumed, say): the status
   * of each point in {@code sweep.yaml}, {@code sweep.csv} and the charts.
   */
  public static void refresh(Path sweepDirectory) throws IOException {
    SweepState state = SweepState.read(sweepDirectory);
    List<SweepRecord.PointRecord> points = new ArrayList<>();
    for (SweepState.PointState p : state.points()) {
      String message = p.run() == null ? p.record().message() : p.run().message();
      points.add(p.record().withStatus(p.status(), message));
    }
    SweepRecord record = state.record();
    record.withPoints(points, record.end(), record.wallSeconds()).write(sweepDirectory);
    write(sweepDirectory, SweepState.read(sweepDirectory));
  }

  /** Writes {@code sweep.csv} and the charts into the sweep directory; returns the number of charts. */
  public static int write(Path sweepDirectory, SweepState state) throws IOException {
    AtomicFiles.writeString(sweepDirectory.resolve(RunFiles.SWEEP_TABLE), table(state).render(Table.Format.CSV));
    List<Path> points = state.pointDirectories().stream()
        .filter(d -> java.nio.file.Files.isRegularFile(d.resolve(RunFiles.CONFIG))).toList();
    if (points.isEmpty()) {
      return 0;
    }
    return Comparison.of(points).writeCharts(sweepDirectory, "sweep_", CHARTED, false, false).size();
  }
}
