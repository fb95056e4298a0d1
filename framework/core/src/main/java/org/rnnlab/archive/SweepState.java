package org.rnnlab.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.cluster.BatchScript;
import org.rnnlab.cluster.SlurmTask;
import org.rnnlab.cluster.SlurmTasks;
import org.rnnlab.store.RunLock;
import org.rnnlab.store.SweepRecord;

/**
 * How a sweep stands, derived whenever it is shown from its points' own directories and, for
 * points sent to Slurm whose files cannot tell how they ended, from Slurm.
 *
 * <p>A point is {@code pending} while it waits (queued in Slurm, or in a sweep that runs here
 * now), {@code running}, then whatever its run ended as ({@code completed}, {@code failed},
 * {@code diverged}, {@code interrupted}); {@code incomplete} when its run was killed hard; {@code
 * lost} when Slurm says its task ended but its summary still says running (cancelled, timed out,
 * killed for memory, its node failed, before the run could say so); {@code not started} when
 * nothing will start it; {@code failed} too when its Slurm task ended before the run began.
 *
 * @param record the sweep's record
 * @param points each point with what its directory and Slurm say, in order
 * @param live whether a process runs, resumes or submits the sweep now (it holds the sweep's lock)
 * @param slurmProblem why Slurm could not be asked, or null
 */
public record SweepState(SweepRecord record, List<PointState> points, boolean live, String slurmProblem) {

  /**
   * One point.
   *
   * @param record the point as the sweep recorded it
   * @param run what its directory says, or null when it has none yet
   * @param task what Slurm says of its task, or null when it was not asked or does not know
   * @param status the point's status (see the class comment)
   */
  public record PointState(SweepRecord.PointRecord record, RunRecord run, SlurmTask task, String status) {
    /** Why the point is what it is when its run cannot say (Slurm's word), else the run's message. */
    public String message() {
      if (status.equals("lost")) {
        return "Slurm says its task ended (" + task.describe() + ") but its summary still says running";
      }
      if (run == null && task != null && task.ended()) {
        return "its Slurm task ended " + task.describe() + " before the run began; see its output in "
            + BatchScript.FOLDER + "/";
      }
      return run == null ? record.message() : run.message();
    }

    /** Slurm's state of the point's task ("PENDING (JobArrayTaskLimit)"), or empty when not asked. */
    public String slurm() {
      return task == null ? "" : task.describe();
    }
  }

  /**
   * Statuses whose files say how the point ended for good: Slurm is not asked about them. Not
   * "damaged": a point's directory between its config.yaml and its first summary.yaml reads as
   * damaged while its run starts.
   */
  private static final Set<String> SETTLED = Set.of("completed", "failed", "diverged");

  /** Reads the sweep in {@code directory} and each of its points; throws only when sweep.yaml is unreadable. */
  public static SweepState read(Path directory) throws IOException {
    SweepRecord record = SweepRecord.read(directory);
    boolean live = RunLock.state(directory) == RunLock.State.HELD;
    List<RunRecord> runs = new ArrayList<>();
    Set<String> wanted = new LinkedHashSet<>();
    for (SweepRecord.PointRecord p : record.points()) {
      Path dir = directory.resolve(p.directory());
      RunRecord run = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? RunRecord.read(dir) : null;
      runs.add(run);
      SweepRecord.SlurmJob job = record.slurmJobOf(p.point());
      if (job != null && (run == null || !SETTLED.contains(run.status()))) {
        wanted.add(job.jobId() + "_" + p.point());
      }
    }
    SlurmTasks tasks = wanted.isEmpty() ? SlurmTasks.none() : SlurmTasks.query(wanted);
    List<PointState> points = new ArrayList<>();
    for (int i = 0; i < record.points().size(); i++) {
      SweepRecord.PointRecord p = record.points().get(i);
      SweepRecord.SlurmJob job = record.slurmJobOf(p.point());
      SlurmTask task = job == null ? null : tasks.get(job.jobId(), p.point());
      boolean unknown = job != null && task == null && tasks.problem() != null;
      points.add(new PointState(p, runs.get(i), task,
          status(runs.get(i), task, live || unknown, directory.resolve(p.directory()))));
    }
    return new SweepState(record, List.copyOf(points), live, tasks.problem());
  }

  /**
   * @param waiting whether a point without a directory may still start although Slurm does not
   *     say so (a local sweep at work, or Slurm that did not answer)
   */
  static String status(RunRecord run, SlurmTask task, boolean waiting, Path directory) {
    if (run == null) {
      if (task != null) {
        if (!task.ended()) {
          return task.started() ? "running" : "pending";
        }
        return task.state().equals("CANCELLED") ? "not started" : "failed";
      }
      return waiting ? "pending" : "not started";
    }
    if (run.status().equals("damaged") && RunLock.state(directory) == RunLock.State.HELD) {
      return "running"; // a process holds it: its run is starting (summary.yaml not yet written)
    }
    boolean saysRunning = run.status().equals("running") || run.status().equals("incomplete");
    if (saysRunning && task != null && task.ended() && RunLock.state(directory) != RunLock.State.HELD) {
      return "lost";
    }
    if (task != null && !task.ended() && !run.status().equals("running") && !SETTLED.contains(run.status())) {
      // a stopped point sent to Slurm again: queued, or its task is starting to resume it
      return task.started() ? "running" : "pending";
    }
    return run.status();
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

  /** Whether every point has ended one way or another: none pending or running. */
  public boolean ended() {
    return points.stream().noneMatch(p -> p.status().equals("pending") || p.status().equals("running"));
  }

  /** The directories of the points that have one. */
  public List<Path> pointDirectories() {
    return points.stream().filter(p -> p.run() != null).map(p -> p.run().directory()).toList();
  }
}
