package org.rnnlab.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.store.SweepRecord;

/**
 * How a sweep stands, derived from its points' own directories whenever it is shown: a point
 * without a directory is pending (or was never started), any other has the status {@link
 * RunRecord} reads (so a killed point shows incomplete, a resumed one what it became).
 *
 * @param record the sweep's record
 * @param points each point with what its directory says, in order
 */
public record SweepState(SweepRecord record, List<PointState> points) {

  /**
   * One point.
   *
   * @param record the point as the sweep recorded it
   * @param run what its directory says, or null when it has none yet
   */
  public record PointState(SweepRecord.PointRecord record, RunRecord run) {
    /** The point's status: its run's, or "pending" without a directory. */
    public String status() {
      return run == null ? "pending" : run.status();
    }
  }

  /** Reads the sweep in {@code directory} and each of its points; throws only when sweep.yaml is unreadable. */
  public static SweepState read(Path directory) throws IOException {
    SweepRecord record = SweepRecord.read(directory);
    List<PointState> points = new ArrayList<>();
    for (SweepRecord.PointRecord p : record.points()) {
      Path dir = directory.resolve(p.directory());
      boolean exists = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
      points.add(new PointState(p, exists ? RunRecord.read(dir) : null));
    }
    return new SweepState(record, List.copyOf(points));
  }

  /** How many points have each status, e.g. {completed=4, running=2}, in order of first appearance. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    points.forEach(p -> counts.merge(p.status(), 1, Integer::sum));
    return counts;
  }

  /** "4 completed, 2 running". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    counts().forEach((status, n) -> parts.add(n + " " + status));
    return String.join(", ", parts);
  }

  /** The directories of the points that have one. */
  public List<Path> pointDirectories() {
    return points.stream().filter(p -> p.run() != null).map(p -> p.run().directory()).toList();
  }
}
