package org.rnnlab.cluster;

import java.util.Set;

/**
 * What Slurm says of one array task.
 *
 * @param state Slurm's state in capitals: PENDING, RUNNING, COMPLETED, CANCELLED, TIMEOUT, …
 * @param reason squeue's reason (JobArrayTaskLimit, TimeLimit, …), or empty when not known or None
 * @param exit the exit of the task's script as Slurm recorded it, "exit N" or "signal N", or empty
 */
public record SlurmTask(String state, String reason, String exit) {
  /** The states in which a task is over for good (with --no-requeue). */
  private static final Set<String> ENDED = Set.of("COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL",
      "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY", "REVOKED");

  public SlurmTask {
    reason = reason == null || reason.equals("None") || reason.equals("(null)") ? "" : reason;
    exit = exit == null ? "" : exit;
  }

  /**
   * Whether the task is over. Any state not known to end it counts as not over: COMPLETING, the
   * grace between SIGTERM and SIGKILL, among them, since the run may still be saving then.
   */
  public boolean ended() {
    return ENDED.contains(state);
  }

  /** Whether its process has started (and not ended). */
  public boolean started() {
    return !ended() && !state.equals("PENDING") && !state.equals("REQUEUED") && !state.startsWith("REQUEUE_");
  }

  /** "PENDING (JobArrayTaskLimit)", "FAILED (exit 1)", "COMPLETED". */
  public String describe() {
    String details = String.join(", ", java.util.stream.Stream.of(reason, exit).filter(s -> !s.isEmpty()).toList());
    return details.isEmpty() ? state : state + " (" + details + ")";
  }

  /** "exit 3", "signal 9" or empty, from Slurm's {@code ExitCode=a:b} (a the status, b the signal). */
  static String exitOf(String exitCode) {
    if (exitCode == null || !exitCode.matches("[0-9]+:[0-9]+")) {
      return "";
    }
    String[] parts = exitCode.split(":");
    return !parts[1].equals("0") ? "signal " + parts[1] : !parts[0].equals("0") ? "exit " + parts[0] : "";
  }
}
