package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.experiment.Outcome;
import org.rnnlab.experiment.RunStatus;

/**
 * A run's {@code summary.yaml}: how it stands or ended, who runs it, and the experiment's results.
 * This record is its only reader and writer; every command that looks at a run's status goes
 * through it.
 *
 * @param status running until the run ends, then how it ended
 * @param message one line for the user (why it failed, where it stopped), or empty
 * @param name the run's name
 * @param experiment the experiment's type name
 * @param start when the run (first) started, ISO-8601 with offset
 * @param end when it last ended, or null while running
 * @param wallSeconds wall time over every start and resume, or null while running
 * @param metricRows rows in {@code metrics.csv} at the end, or null
 * @param resumedFromStep the step of the checkpoint the latest resume continued from, or null
 * @param process the process that runs (or last ran) it, or null for a summary that lacks it
 * @param results what the experiment reported (final and best metrics, …), in its order
 */
public record RunSummary(RunStatus status, String message, String name, String experiment, String start, String end,
    Double wallSeconds, Long metricRows, Long resumedFromStep, RunProcess process, Map<String, Object> results) {

  /** The keys of the file that this record names; everything else belongs to {@link #results}. */
  private static final Set<String> OWN_KEYS = Set.of("status", "message", "name", "experiment", "start", "end",
      "wall_seconds", "metric_rows", "resumed_from_step", "host", "pid", "pid_start");

  public RunSummary {
    message = message == null ? "" : message;
    results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }

  /** The summary of a run starting now in this process. */
  public static RunSummary starting(String name, String experiment, OffsetDateTime start) {
    return new RunSummary(RunStatus.RUNNING, "", name, experiment, start.toString(), null, null, null, null,
        RunProcess.current(), Map.of());
  }

  /** The same run, continued from {@code step} by this process. */
  public RunSummary resuming(long step) {
    return new RunSummary(RunStatus.RUNNING, "", name, experiment, start, end, wallSeconds, metricRows, step,
        RunProcess.current(), results);
  }

  /** The run ended with {@code outcome} at {@code end}, after {@code wallSeconds} in all. */
  public RunSummary ended(Outcome outcome, OffsetDateTime end, double wallSeconds, long metricRows) {
    return new RunSummary(outcome.status(), outcome.message(), name, experiment, start, end.toString(),
        Math.round(wallSeconds * 1000) / 1000.0, metricRows, resumedFromStep, process, outcome.results());
  }

  /** A number from the results, e.g. {@code result("final", "test_accuracy")}, or null. */
  public Double result(String... path) {
    Object value = results;
    for (String key : path) {
      value = value instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return value instanceof Number n ? n.doubleValue() : null;
  }

  /** Writes {@code summary.yaml} into {@code runDirectory}, atomically. */
  public void write(Path runDirectory) throws IOException {
    AtomicFiles.writeString(runDirectory.resolve(RunFiles.SUMMARY), YamlWriter.write(toMap()));
  }

  /** The file's content as plain maps, in the order the file shows it. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("status", status.yamlName());
    map.put("message", message);
    map.put("name", name);
    map.put("experiment", experiment);
    map.put("start", start);
    if (process != null) {
      map.put("host", process.host());
      map.put("pid", process.pid());
      if (process.start() != null) {
        map.put("pid_start", process.start());
      }
    }
    if (end != null) {
      map.put("end", end);
    }
    if (wallSeconds != null) {
      map.put("wall_seconds", wallSeconds);
    }
    if (metricRows != null) {
      map.put("metric_rows", metricRows);
    }
    if (resumedFromStep != null) {
      map.put("resumed_from_step", resumedFromStep);
    }
    map.putAll(results);
    return map;
  }

  /**
   * Reads {@code summary.yaml} of {@code runDirectory}.
   *
   * @throws IOException when it is missing, unreadable, not YAML, or lacks a known status
   */
  public static RunSummary read(Path runDirectory) throws IOException {
    Map<String, Object> map = YamlFiles.read(runDirectory.resolve(RunFiles.SUMMARY));
    RunStatus status = status(map.get("status"));
    Map<String, Object> results = new LinkedHashMap<>();
    map.forEach((key, value) -> {
      if (!OWN_KEYS.contains(key)) {
        results.put(key, value);
      }
    });
    RunProcess process = map.get("pid") instanceof Number pid
        ? new RunProcess(text(map.get("host")), pid.longValue(), text(map.get("pid_start"))) : null;
    return new RunSummary(status, text(map.get("message")), text(map.get("name")), text(map.get("experiment")),
        text(map.get("start")), text(map.get("end")), number(map.get("wall_seconds")), whole(map.get("metric_rows")),
        whole(map.get("resumed_from_step")), process, results);
  }

  private static RunStatus status(Object value) throws IOException {
    for (RunStatus s : RunStatus.values()) {
      if (s.yamlName().equals(String.valueOf(value))) {
        return s;
      }
    }
    throw new IOException(RunFiles.SUMMARY + " has no known status (got '" + value + "'; expected one of "
        + String.join(", ", java.util.Arrays.stream(RunStatus.values()).map(RunStatus::yamlName).toList()) + ")");
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }

  private static Long whole(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  /**
   * The process that runs a run: enough to tell whether it is still alive (see {@link
   * RunLiveness}).
   *
   * @param host the machine's name
   * @param pid the process id there
   * @param start when the process started (ISO-8601), to tell a reused pid apart; may be null
   */
  public record RunProcess(String host, long pid, String start) {
    /** This JVM. */
    public static RunProcess current() {
      ProcessHandle self = ProcessHandle.current();
      return new RunProcess(Provenance.host(), self.pid(),
          self.info().startInstant().map(Object::toString).orElse(null));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "pid %d on %s", pid, host);
    }
  }
}
