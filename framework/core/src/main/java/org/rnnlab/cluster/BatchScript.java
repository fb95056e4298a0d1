package org.rnnlab.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.store.Provenance;

/**
 * The batch script of a sweep's job array: one array task per point, task N running point N
 * through the rnnlab launcher on the shared file system. Every sbatch option is an {@code
 * #SBATCH} line, so the script kept in the sweep directory says all that was asked (and {@code
 * sbatch} can take it again as it is). The last line {@code exec}s the launcher, which {@code
 * exec}s java: Slurm's SIGTERM at {@code scancel} or at the time limit reaches the run itself,
 * which stops at the next step, saves a checkpoint and ends interrupted within KillWait.
 */
public final class BatchScript {
  /** The folder of a sweep directory that holds its scripts and the tasks' output. */
  public static final String FOLDER = "slurm";

  private BatchScript() {}

  /**
   * @param settings the launcher's settings (type slurm)
   * @param jobName the array's name in squeue
   * @param points the points to run, each an array index
   * @param sweepDirectory the sweep's directory (absolute)
   * @param workingDirectory where the sweep was started: relative paths in its config and overrides
   *     are taken from there
   * @param launcher rnnlab's {@code run} (absolute)
   * @param environment variables the tasks' launcher needs (which build to run), exported first
   * @throws ConfigException when a path cannot be written into an {@code #SBATCH} line
   */
  public static String render(LauncherSettings settings, String jobName, List<Integer> points, Path sweepDirectory,
      Path workingDirectory, Path launcher, java.util.Map<String, String> environment) {
    Path output = sweepDirectory.resolve(FOLDER);
    List<String> options = new ArrayList<>();
    options.add("--job-name=" + jobName);
    options.add("--array=" + array(points, settings.arrayParallelism()));
    options.add("--output=\"" + line(output) + "/%A_%a.out\"");
    options.add("--chdir=\"" + line(workingDirectory) + "\"");
    options.add("--no-requeue"); // a task that ends, ends: resume decides what runs again
    options.add("--cpus-per-task=" + settings.cpusPerTask());
    if (!settings.partition().isEmpty()) {
      options.add("--partition=" + settings.partition());
    }
    if (!settings.time().isEmpty()) {
      options.add("--time=" + settings.time());
    }
    if (!settings.mem().isEmpty()) {
      options.add("--mem=" + settings.mem());
    }
    if (!settings.account().isEmpty()) {
      options.add("--account=" + settings.account());
    }
    options.addAll(settings.extra());
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("# rnnlab sweep ").append(sweepDirectory.getFileName()).append(": array task N runs point N of its")
        .append(" sweep.yaml\n# (started when it has no directory, resumed from its checkpoint when it was stopped).\n");
    for (String option : options) {
      s.append("#SBATCH ").append(option).append('\n');
    }
    s.append("\n# The build that submitted the sweep: no task builds.\n");
    environment.forEach((k, v) -> s.append("export ").append(k).append('=')
        .append(Provenance.commandLine(List.of(v))).append('\n'));
    s.append("exec ").append(Provenance.commandLine(List.of(launcher.toString(), "sweep-point", sweepDirectory.toString())))
        .append(" --point \"$SLURM_ARRAY_TASK_ID\"\n");
    return s.toString();
  }

  /** "1-6%2", "2,4-5": the points as array indices, with the throttle when there is one. */
  static String array(List<Integer> points, int parallelism) {
    List<Integer> sorted = points.stream().sorted().distinct().toList();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      parts.add(i == j ? String.valueOf(sorted.get(i)) : sorted.get(i) + "-" + sorted.get(j));
      i = j + 1;
    }
    return String.join(",", parts) + (parallelism > 0 ? "%" + parallelism : "");
  }

  /** A path for an {@code #SBATCH} line, in double quotes: one without what they cannot carry. */
  private static String line(Path path) {
    String text = path.toString();
    if (LauncherSettings.unsafe(text) || text.contains("%")) {
      throw new ConfigException(Origin.of(text), "", "Slurm's #SBATCH lines cannot carry this path (it holds a"
          + " double quote, a backslash, a '%' or a control character); run from, or into, another directory");
    }
    return text;
  }
}
