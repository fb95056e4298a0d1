package org.rnnlab.store;

import java.time.Instant;
import java.util.Optional;
import org.rnnlab.experiment.RunStatus;

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
  public static String deadReason(RunSummary summary, java.nio.file.Path runDirectory) {
    RunSummary.RunProcess process = summary.process();
    if (onThisHost(process)) {
      switch (RunLock.state(runDirectory)) {
        case HELD:
          return null;
        case FREE:
          return "it says running, but no process holds its lock (killed?)";
        default:
          return processAlive(process) ? null : "it says running, but its process is gone (killed?)";
      }
    }
    Instant beat = Heartbeat.last(runDirectory);
    if (beat != null && beat.isBefore(Instant.now().minus(Heartbeat.STALE))) {
      return "it says running on " + process.host() + ", but its heartbeat stopped at " + beat + " (killed?)";
    }
    return null;
  }

  /**
   * For a run whose lock this process has just taken (so no process of this machine runs it):
   * whether it says running on another machine with a fresh heartbeat.
   */
  public static boolean runningOnAnotherHost(RunSummary summary, java.nio.file.Path runDirectory) {
    return summary.status() == RunStatus.RUNNING && !onThisHost(summary.process())
        && deadReason(summary, runDirectory) == null;
  }

  /**
   * For a run whose lock this process has just taken: whether it says running and the process that
   * runs it is alive on this machine all the same (someone removed its lock file).
   */
  public static boolean runningHereWithoutItsLock(RunSummary summary) {
    RunSummary.RunProcess process = summary.process();
    return summary.status() == RunStatus.RUNNING && onThisHost(process) && process != null
        && process.pid() != ProcessHandle.current().pid() && processAlive(process);
  }

  /** Whether the run was started on this machine (a summary without a process is taken to be). */
  private static boolean onThisHost(RunSummary.RunProcess process) {
    return process == null || process.host() == null || process.host().equals(Provenance.host());
  }

  /** For a run of this machine: whether the summary's pid is a live process that could be this run. */
  static boolean processAlive(RunSummary.RunProcess recorded) {
    if (recorded == null) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(recorded.pid());
    if (process.isEmpty() || !process.get().isAlive() || zombie(recorded.pid())) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    if (started.isPresent() && recorded.start() != null) {
      try {
        Instant expected = Instant.parse(recorded.start());
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
}
