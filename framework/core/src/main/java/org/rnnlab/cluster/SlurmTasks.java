package org.rnnlab.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Slurm knows of the tasks of some job arrays, asked the way that works on any cluster:
 * {@code squeue -r -t all} first (pending, running, and ended tasks for {@code MinJobAge} after
 * they end), then for tasks squeue has forgotten {@code sacct} (where accounting is kept) and the
 * job completion file ({@code JobCompType=jobcomp/filetxt}). A task none of them knows is absent.
 */
public final class SlurmTasks {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern JOBCOMP_STATE = Pattern.compile(" JobState=([A-Z_]+) ");
  private static final Pattern JOBCOMP_TASK = Pattern.compile(" ArrayJobId=([0-9]+) ArrayTaskId=([0-9]+) ");
  private static final Pattern JOBCOMP_EXIT = Pattern.compile(" ExitCode=([0-9]+:[0-9]+)");
  private static final Pattern JOBCOMP_ID = Pattern.compile("^JobId=([0-9]+) ");

  private final Map<String, SlurmTask> tasks;
  private final String problem;

  SlurmTasks(Map<String, SlurmTask> tasks, String problem) {
    this.tasks = Map.copyOf(tasks);
    this.problem = problem;
  }

  /** Nothing known, and nothing asked. */
  public static SlurmTasks none() {
    return new SlurmTasks(Map.of(), null);
  }

  /** The task {@code index} of array {@code job}, or null when Slurm does not know it. */
  public SlurmTask get(long job, int index) {
    return tasks.get(job + "_" + index);
  }

  /** Why Slurm could not be asked (squeue missing or failing), or null when it answered. */
  public String problem() {
    return problem;
  }

  /** Asks Slurm about the tasks {@code wanted} ("job_index") of their arrays. */
  public static SlurmTasks query(Collection<String> wanted) {
    Map<String, SlurmTask> found = new HashMap<>();
    if (wanted.isEmpty()) {
      return new SlurmTasks(found, null);
    }
    Set<Long> jobs = wanted.stream().map(t -> Long.parseLong(t.substring(0, t.indexOf('_'))))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    String ids = jobs.stream().map(String::valueOf).collect(Collectors.joining(","));
    if (!Command.onPath("squeue")) {
      return new SlurmTasks(found, "squeue is not on the PATH: Slurm was not asked");
    }
    try {
      Command.Result squeue = Command.run(List.of("squeue", "-h", "-r", "-t", "all", "-j", ids, "-o", "%i|%T|%r"),
          TIMEOUT);
      if (squeue.exitCode() == 0) {
        found.putAll(parseSqueue(squeue.out()));
      } else if (!squeue.err().contains("Invalid job id")) { // every job forgotten: ask the records below
        return new SlurmTasks(found, "squeue failed: " + squeue.words());
      }
    } catch (IOException e) {
      return new SlurmTasks(found, "squeue failed: " + e.getMessage());
    }
    Set<String> missing = new HashSet<>(wanted);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty() && Command.onPath("sacct")) {
      try {
        Command.Result sacct = Command.run(List.of("sacct", "-n", "-P", "-X", "-j", ids, "-o", "JobID,State,ExitCode"),
            TIMEOUT);
        if (sacct.exitCode() == 0) { // without accounting storage it fails: the completion file may know
          parseSacct(sacct.out()).forEach((k, v) -> {
            if (missing.remove(k)) {
              found.put(k, v);
            }
          });
        }
      } catch (IOException e) {
        // the completion file may still know
      }
    }
    if (!missing.isEmpty()) {
      Path file = jobCompletionFile();
      if (file != null) {
        try {
          readJobCompletions(file, jobs, missing).forEach(found::put);
        } catch (IOException e) {
          // unreadable: those tasks stay unknown
        }
      }
    }
    return new SlurmTasks(found, null);
  }

  /** squeue's {@code %i|%T|%r} lines: {@code 17_3|RUNNING|None}, or collapsed, {@code 17_[4-6%2]|PENDING|…}. */
  static Map<String, SlurmTask> parseSqueue(String out) {
    Map<String, SlurmTask> tasks = new HashMap<>();
    for (String line : out.strip().lines().toList()) {
      String[] f = line.split("\\|", 3);
      if (f.length < 3 || !f[0].contains("_")) {
        continue;
      }
      String job = f[0].substring(0, f[0].indexOf('_'));
      for (int index : indices(f[0].substring(f[0].indexOf('_') + 1))) {
        tasks.put(job + "_" + index, new SlurmTask(f[1].strip(), f[2].strip(), ""));
      }
    }
    return tasks;
  }

  /** sacct's {@code JobID|State|ExitCode} lines: {@code 17_3|CANCELLED by 0|0:15}. */
  static Map<String, SlurmTask> parseSacct(String out) {
    Map<String, SlurmTask> tasks = new HashMap<>();
    for (String line : out.strip().lines().toList()) {
      String[] f = line.split("\\|", 3);
      if (f.length < 3 || !f[0].contains("_") || f[0].contains(".")) {
        continue;
      }
      String job = f[0].substring(0, f[0].indexOf('_'));
      String state = f[1].strip().split(" ")[0];
      for (int index : indices(f[0].substring(f[0].indexOf('_') + 1))) {
        tasks.put(job + "_" + index, new SlurmTask(state, "", SlurmTask.exitOf(f[2].strip())));
      }
    }
    return tasks;
  }

  /**
   * The tasks of {@code jobs} that the job completion file records, the last line of a task
   * winning. A line of the array's own id without a task id (tasks cancelled before they started)
   * stands for every task of the array that has no line of its own.
   */
  static Map<String, SlurmTask> readJobCompletions(Path file, Set<Long> jobs, Set<String> wanted) throws IOException {
    Map<String, SlurmTask> tasks = new HashMap<>();
    Map<Long, SlurmTask> wholeArrays = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        Matcher state = JOBCOMP_STATE.matcher(line);
        if (!state.find()) {
          continue;
        }
        Matcher exit = JOBCOMP_EXIT.matcher(line);
        SlurmTask task = new SlurmTask(state.group(1), "", exit.find() ? SlurmTask.exitOf(exit.group(1)) : "");
        Matcher array = JOBCOMP_TASK.matcher(line);
        if (array.find()) {
          if (jobs.contains(Long.parseLong(array.group(1)))) {
            tasks.put(array.group(1) + "_" + array.group(2), task);
          }
        } else {
          Matcher id = JOBCOMP_ID.matcher(line);
          if (id.find() && jobs.contains(Long.parseLong(id.group(1)))) {
            wholeArrays.put(Long.parseLong(id.group(1)), task);
          }
        }
      }
    }
    for (String t : wanted) {
      SlurmTask whole = wholeArrays.get(Long.parseLong(t.substring(0, t.indexOf('_'))));
      if (whole != null) {
        tasks.putIfAbsent(t, whole);
      }
    }
    tasks.keySet().retainAll(wanted);
    return tasks;
  }

  /** "3" → [3]; "[4-6,9%2]" → [4, 5, 6, 9]. */
  static List<Integer> indices(String text) {
    String list = text.replaceAll("^\\[|]$", "").replaceFirst("%[0-9]+$", "");
    List<Integer> out = new ArrayList<>();
    for (String part : list.split(",")) {
      try {
        if (part.contains("-")) {
          int from = Integer.parseInt(part.substring(0, part.indexOf('-')));
          int to = Integer.parseInt(part.substring(part.indexOf('-') + 1));
          for (int i = from; i <= to && out.size() < 1_000_000; i++) {
            out.add(i);
          }
        } else {
          out.add(Integer.parseInt(part));
        }
      } catch (NumberFormatException e) {
        // not an array index (a plain job): nothing to add
      }
    }
    return out;
  }

  private static volatile Path jobCompletionFile;
  private static volatile boolean jobCompletionLooked;

  /** JobCompLoc when JobCompType is jobcomp/filetxt and the file is readable here (asked once). */
  private static Path jobCompletionFile() {
    if (!jobCompletionLooked) {
      Path file = null;
      try {
        Command.Result config = Command.run(List.of("scontrol", "show", "config"), TIMEOUT);
        String type = null, location = null;
        for (String line : config.out().lines().toList()) {
          String[] kv = line.split("=", 2);
          if (kv.length == 2 && kv[0].strip().equals("JobCompType")) {
            type = kv[1].strip();
          } else if (kv.length == 2 && kv[0].strip().equals("JobCompLoc")) {
            location = kv[1].strip();
          }
        }
        if ("jobcomp/filetxt".equals(type) && location != null && Files.isReadable(Path.of(location))) {
          file = Path.of(location);
        }
        jobCompletionFile = file;
        jobCompletionLooked = config.exitCode() == 0; // a controller that did not answer is asked again
      } catch (IOException | RuntimeException e) {
        // no scontrol, or no answer: no completion file this time
      }
    }
    return jobCompletionFile;
  }
}
