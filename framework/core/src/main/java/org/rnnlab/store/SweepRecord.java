package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.YamlWriter;

/**
 * A sweep's {@code sweep.yaml}: what was swept and where each point lives. The status of a point
 * is written as it ends, but whoever shows a sweep derives it from the point's own directory
 * (see {@code org.rnnlab.archive.SweepState}), which stays true after a kill or a resume.
 *
 * @param name the config's name
 * @param start when the sweep started
 * @param end when it last ended, or null
 * @param config the experiment file as given
 * @param overrides the overrides of every point, before its axis values
 * @param axes the swept keys and their values, in order
 * @param jobs points run at a time
 * @param wallSeconds the sweep's wall time, or null while it runs
 * @param points every point, in order
 */
public record SweepRecord(String name, String start, String end, String config, List<String> overrides,
    Map<String, List<String>> axes, int jobs, Double wallSeconds, List<PointRecord> points) {

  /**
   * One point.
   *
   * @param point its index, from 1
   * @param directory its directory's name inside the sweep's
   * @param overrides its axis values as overrides
   * @param status pending, not started, or the run's status as it ended
   * @param message why it failed, or empty
   */
  public record PointRecord(int point, String directory, List<String> overrides, String status, String message) {
    public PointRecord {
      overrides = List.copyOf(overrides);
      message = message == null ? "" : message;
    }

    public PointRecord withStatus(String newStatus, String newMessage) {
      return new PointRecord(point, directory, overrides, newStatus, newMessage);
    }
  }

  public SweepRecord {
    overrides = List.copyOf(overrides);
    axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    points = List.copyOf(points);
  }

  public SweepRecord withPoints(List<PointRecord> newPoints, String newEnd, Double newWall) {
    return new SweepRecord(name, start, newEnd, config, overrides, axes, jobs, newWall, newPoints);
  }

  /** Writes {@code sweep.yaml} into {@code sweepDirectory}, atomically. */
  public void write(Path sweepDirectory) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("start", start);
    if (end != null) {
      map.put("end", end);
    }
    map.put("config", config);
    map.put("overrides", overrides);
    map.put("axes", new LinkedHashMap<>(axes));
    map.put("jobs", jobs);
    if (wallSeconds != null) {
      map.put("wall_seconds", wallSeconds);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (PointRecord p : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("point", p.point());
      m.put("directory", p.directory());
      m.put("overrides", p.overrides());
      m.put("status", p.status());
      if (!p.message().isEmpty()) {
        m.put("message", p.message());
      }
      list.add(m);
    }
    map.put("points", list);
    AtomicFiles.writeString(sweepDirectory.resolve(RunFiles.SWEEP), YamlWriter.write(map));
  }

  /**
   * Reads {@code sweep.yaml} of {@code sweepDirectory}.
   *
   * @throws IOException when it is missing, unreadable or not a sweep record
   */
  public static SweepRecord read(Path sweepDirectory) throws IOException {
    Map<String, Object> map = YamlFiles.read(sweepDirectory.resolve(RunFiles.SWEEP));
    List<PointRecord> points = new ArrayList<>();
    if (map.get("points") instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> m) || !(m.get("point") instanceof Number n) || m.get("directory") == null) {
          throw new IOException(RunFiles.SWEEP + ": a point without its number or directory");
        }
        String directory = m.get("directory").toString();
        if (!directory.matches("[A-Za-z0-9._=-]+") || directory.startsWith(".")) {
          throw new IOException(RunFiles.SWEEP + ": point " + n + " names the directory '" + directory
              + "', which is not a point directory");
        }
        points.add(new PointRecord(n.intValue(), directory, strings(m.get("overrides")),
            String.valueOf(m.get("status")), m.get("message") == null ? "" : m.get("message").toString()));
      }
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    if (map.get("axes") instanceof Map<?, ?> a) {
      a.forEach((k, v) -> axes.put(String.valueOf(k), strings(v)));
    }
    return new SweepRecord(text(map.get("name")), text(map.get("start")), text(map.get("end")),
        text(map.get("config")), strings(map.get("overrides")), axes,
        map.get("jobs") instanceof Number j ? j.intValue() : 1,
        map.get("wall_seconds") instanceof Number w ? w.doubleValue() : null, points);
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
