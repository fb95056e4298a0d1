package org.rnnlab.run;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.spi.RunStatus;

/**
 * Whether a run whose summary says "running" really is. On this machine its lock answers exactly
 * (see {@link RunLock}); for a run of an older rnnlab without one, its process must exist, not be a
 * zombie, and be the one that started the run (a reused pid belongs to a process that started at
 * another time). A run on another machine (a shared file system) is judged by its heartbeat, which
 * must be younger than {@link Heartbeat#STALE}. A run that says running but fails this was killed
 * hard: {@code ./run list} shows it as incomplete.
 */
public final class RunLiveness {
  private RunLiveness() {}

  /** Why a run that says running is not, or null when it may well be running. */
  public static String deadReason(Map<String, Object> summary, java.nio.file.Path runDirectory) {
    if (onThisHost(summary)) {
      switch (RunLock.state(runDirectory)) {
        case HELD:
          return null;
        case FREE:
          return "it says running, but no process holds its lock (killed?)";
        default:
          return processAlive(summary) ? null : "it says running, but its process is gone (killed?)";
      }
    }
    Instant beat = Heartbeat.last(runDirectory);
    if (beat != null && beat.isBefore(Instant.now().minus(Heartbeat.STALE))) {
      return "it says running on " + summary.get("host") + ", but its heartbeat stopped at " + beat + " (killed?)";
    }
    return null;
  }

  /**
   * For a run whose lock this process has just taken (so no process of this machine runs it):
   * whether it says running on another machine with a fresh heartbeat.
   */
  static boolean runningOnAnotherHost(Map<String, Object> summary, java.nio.file.Path runDirectory) {
    return RunStatus.RUNNING.yamlName().equals(String.valueOf(summary.get("status"))) && !onThisHost(summary)
        && deadReason(summary, runDirectory) == null;
  }

  /** Whether the run was started on this machine (a summary without a host is taken to be). */
  private static boolean onThisHost(Map<String, Object> summary) {
    Object host = summary.get("host");
    return host == null || host.toString().equals(Provenance.host());
  }

  /** For a run of this machine: whether the summary's pid is a live process that could be this run. */
  private static boolean processAlive(Map<String, Object> summary) {
    if (!(summary.get("pid") instanceof Number number)) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(number.longValue());
    if (process.isEmpty() || !process.get().isAlive() || zombie(number.longValue())) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    Object recorded = summary.get("pid_start");
    if (started.isPresent() && recorded != null) {
      try {
        Instant expected = Instant.parse(recorded.toString());
        return Math.abs(started.get().toEpochMilli() - expected.toEpochMilli()) < 1000;
      } catch (RuntimeException e) {
        return true;
      }
    }
    return true;
  }

  /** A killed process nobody has reaped yet still "exists"; Linux marks it Z in /proc/<pid>/stat. */
  private static boolean zombie(long pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
      return close > 0 && close + 2 < stat.length() && (stat.charAt(close + 2) == 'Z' || stat.charAt(close + 2) == 'X');
    } catch (java.io.IOException | RuntimeException e) {
      return false; // not Linux, or gone
    }
  }

  /** The facts {@link #deadReason} checks, for this process: pid, host and process start. */
  public static void record(Map<String, Object> summary) {
    summary.put("host", Provenance.host());
    summary.put("pid", ProcessHandle.current().pid());
    ProcessHandle.current().info().startInstant().ifPresent(i -> summary.put("pid_start", i.toString()));
  }
}
