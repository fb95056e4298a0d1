package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.YamlWriter;

/**
 * A sweep's {@code sweep.yaml}: what was swept, where each point lives, and where its points were
 * sent. The status of a point is written as it ends, but whoever shows a sweep derives it from the
 * point's own directory (see {@code org.rnnlab.archive.SweepState}), which stays true after a kill
 * or a resume.
 *
 * @param name the config's name
 * @param start when the sweep started
 * @param end when it last ended, or null
 * @param config the experiment file as given
 * @param workingDirectory the directory the sweep was started in, which {@code config} and
 *     relative paths in the overrides are relative to; null in sweeps of older versions
 * @param overrides the overrides of every point, before its axis values
 * @param axes the swept keys and their values, in order
 * @param map the map the sweep draws ({@code x}, {@code y}, {@code reach}; see {@code
 *     org.rnnlab.sweep.MapSettings}), empty for none
 * @param jobs points run at a time
 * @param wallSeconds the sweep's wall time, or null while it runs
 * @param launcher the settings of the launcher that last ran points elsewhere (Slurm), as plain
 *     values; empty when every point ran here
 * @param slurmJobs the job arrays submitted for the sweep, oldest first
 * @param points every point, in order
 */
public record SweepRecord(String name, String start, String end, String config, String workingDirectory,
    List<String> overrides, Map<String, List<String>> axes, Map<String, Object> map, int jobs, Double wallSeconds, Map<String, Object> launcher,
    List<SlurmJob> slurmJobs, List<PointRecord> points) {

  /**
   * One point.
   *
   * @param point its index, from 1
   * @param directory its directory's name inside the sweep's
   * @param overrides its axis values as overrides
   * @param configSha256 the SHA-256 of the {@code config.yaml} it was validated with when the
   *     sweep was made (a point started later must run that config); null in older sweeps
   * @param status pending, not started, or the run's status as it ended
   * @param message why it failed, or empty
   */
  public record PointRecord(int point, String directory, List<String> overrides, String configSha256, String status,
      String message) {
    public PointRecord {
      overrides = List.copyOf(overrides);
      message = message == null ? "" : message;
    }

    public PointRecord withStatus(String newStatus, String newMessage) {
      return new PointRecord(point, directory, overrides, configSha256, newStatus, newMessage);
    }
  }

  /**
   * One job array submitted for the sweep: array task N runs point N.
   *
   * @param jobId the array's job id
   * @param points the points it runs
   * @param script its batch script, relative to the sweep directory
   * @param submitted when
   */
  public record SlurmJob(long jobId, List<Integer> points, String script, String submitted) {
    public SlurmJob {
      points = List.copyOf(points);
    }
  }

  public SweepRecord {
    overrides = List.copyOf(overrides);
    axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    map = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    launcher = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(launcher));
    slurmJobs = List.copyOf(slurmJobs);
    points = List.copyOf(points);
  }

  public SweepRecord withPoints(List<PointRecord> newPoints, String newEnd, Double newWall) {
    return new SweepRecord(name, start, newEnd, config, workingDirectory, overrides, axes, map, jobs, newWall, launcher,
        slurmJobs, newPoints);
  }

  /** The same sweep with one more job array, sent with {@code settings}. */
  public SweepRecord withSlurmJob(SlurmJob job, Map<String, Object> settings) {
    List<SlurmJob> jobs = new ArrayList<>(slurmJobs);
    jobs.add(job);
    return new SweepRecord(name, start, end, config, workingDirectory, overrides, axes, map, this.jobs, wallSeconds,
        settings, jobs, points);
  }

  /** The job array that last took point {@code index}, or null when none did. */
  public SlurmJob slurmJobOf(int index) {
    for (int i = slurmJobs.size() - 1; i >= 0; i--) {
      if (slurmJobs.get(i).points().contains(index)) {
        return slurmJobs.get(i);
      }
    }
    return null;
  }

  /** Point {@code index}, or null when the sweep has none of that number. */
  public PointRecord point(int index) {
    return points.stream().filter(p -> p.point() == index).findFirst().orElse(null);
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
    if (workingDirectory != null) {
      map.put("working_directory", workingDirectory);
    }
    map.put("overrides", overrides);
    map.put("axes", new LinkedHashMap<>(axes));
    if (!this.map.isEmpty()) {
      map.put("map", new LinkedHashMap<>(this.map));
    }
    map.put("jobs", jobs);
    if (wallSeconds != null) {
      map.put("wall_seconds", wallSeconds);
    }
    if (!launcher.isEmpty()) {
      map.put("launcher", new LinkedHashMap<>(launcher));
    }
    if (!slurmJobs.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (SlurmJob j : slurmJobs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.jobId());
        m.put("points", j.points());
        m.put("script", j.script());
        m.put("submitted", j.submitted());
        list.add(m);
      }
      map.put("slurm_jobs", list);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (PointRecord p : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("point", p.point());
      m.put("directory", p.directory());
      m.put("overrides", p.overrides());
      if (p.configSha256() != null) {
        m.put("config_sha256", p.configSha256());
      }
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
        points.add(new PointRecord(n.intValue(), directory, strings(m.get("overrides")), text(m.get("config_sha256")),
            String.valueOf(m.get("status")), m.get("message") == null ? "" : m.get("message").toString()));
      }
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    if (map.get("axes") instanceof Map<?, ?> a) {
      a.forEach((k, v) -> axes.put(String.valueOf(k), strings(v)));
    }
    Map<String, Object> launcher = new LinkedHashMap<>();
    if (map.get("launcher") instanceof Map<?, ?> l) {
      l.forEach((k, v) -> launcher.put(String.valueOf(k), v));
    }
    Map<String, Object> drawn = new LinkedHashMap<>();
    if (map.get("map") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> drawn.put(String.valueOf(k), v));
    }
    List<SlurmJob> jobs = new ArrayList<>();
    if (map.get("slurm_jobs") instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> m) || !(m.get("job_id") instanceof Number id)
            || !(m.get("points") instanceof List<?> indices) || !indices.stream().allMatch(i -> i instanceof Integer)) {
          throw new IOException(RunFiles.SWEEP + ": a Slurm job without its id or points");
        }
        jobs.add(new SlurmJob(id.longValue(), indices.stream().map(i -> (Integer) i).toList(), text(m.get("script")),
            text(m.get("submitted"))));
      }
    }
    return new SweepRecord(text(map.get("name")), text(map.get("start")), text(map.get("end")),
        text(map.get("config")), text(map.get("working_directory")), strings(map.get("overrides")), axes, drawn,
        map.get("jobs") instanceof Number j ? j.intValue() : 1,
        map.get("wall_seconds") instanceof Number w ? w.doubleValue() : null, launcher, jobs, points);
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
