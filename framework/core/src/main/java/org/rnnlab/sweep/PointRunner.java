package org.rnnlab.sweep;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.run.ConfigLoader;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.Invocation;
import org.rnnlab.run.LoadedConfig;
import org.rnnlab.run.Resumer;
import org.rnnlab.run.RunConsole;
import org.rnnlab.run.RunStarter;
import org.rnnlab.run.StopSignal;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunLock;
import org.rnnlab.store.SweepRecord;

/**
 * Runs one point of a recorded sweep wherever it is asked to (a thread of {@code ./run resume}
 * here, or a Slurm array task): starts it when it has no directory, resumes it from its
 * checkpoint when it was stopped or killed, and leaves it alone when it has ended for good.
 */
public final class PointRunner {
  private final ConfigLoader loader;
  private final RunStarter starter;
  private final Resumer resumer;

  @Inject
  PointRunner(ConfigLoader loader, RunStarter starter, Resumer resumer) {
    this.loader = loader;
    this.starter = starter;
    this.resumer = resumer;
  }

  /** The experiment file of a sweep, as a path from here (relative to where the sweep was made). */
  public static Path configOf(SweepRecord record) {
    Path config = Path.of(record.config());
    return record.workingDirectory() == null ? config : Path.of(record.workingDirectory()).resolve(config);
  }

  /** Every override of point {@code p}: the sweep's, then the point's axis values. */
  public static List<String> overridesOf(SweepRecord record, SweepRecord.PointRecord p) {
    List<String> overrides = new ArrayList<>(record.overrides());
    overrides.addAll(p.overrides());
    return overrides;
  }

  /**
   * Loads point {@code p} as the sweep made it, refusing it when its config is no longer the one
   * the sweep validated (the experiment file or a plugin changed since).
   *
   * @throws ConfigException when it does not load or differs
   */
  public LoadedConfig load(SweepRecord record, SweepRecord.PointRecord p) {
    LoadedConfig loaded = loader.load(configOf(record), record.config(), overridesOf(record, p));
    if (p.configSha256() != null && !p.configSha256().equals(loaded.configSha256())) {
      throw new ConfigException(Origin.of(record.config()), "", "point " + p.point() + " (" + String.join(" ",
          p.overrides()) + ") no longer resolves to the config the sweep validated: the experiment file or a plugin"
          + " changed since the sweep was made; start a new sweep");
    }
    return loaded;
  }

  /**
   * Runs point {@code index} of the sweep in {@code sweepDirectory}: starts, resumes or leaves it.
   *
   * @return the exit code of the point's run (0 for a point that had completed)
   * @throws ConfigException for a point the sweep does not have, or one that cannot run
   */
  public int run(Path sweepDirectory, int index, Path home, List<String> commandLine, RunConsole console,
      StopSignal stop) throws IOException {
    SweepRecord record = SweepRecord.read(sweepDirectory);
    SweepRecord.PointRecord p = record.point(index);
    if (p == null) {
      throw new ConfigException(Origin.of(sweepDirectory.toString()), "", "the sweep has no point " + index
          + " (it has 1 to " + record.points().size() + ")");
    }
    Path directory = sweepDirectory.resolve(p.directory());
    Invocation invocation = new Invocation(configOf(record), record.config(), overridesOf(record, p), sweepDirectory,
        home, commandLine, false);
    if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      RunRecord run = RunRecord.read(directory);
      switch (run.status()) {
        case "completed", "failed", "diverged" -> {
          console.println("point " + index + " has " + run.status() + " already (" + directory + "): left as it is");
          return run.status().equals("completed") ? ExitCodes.COMPLETED : ExitCodes.FAILED;
        }
        default -> {
        }
      }
      if (!Files.exists(directory.resolve(RunFiles.CHECKPOINT), LinkOption.NOFOLLOW_LINKS) && startsAfresh(directory)) {
        console.println("point " + index + " stopped before its first checkpoint: started again");
      } else {
        return resumer.resume(directory, invocation, console, stop);
      }
    }
    LoadedConfig loaded = load(record, p);
    RunDirectory dir = RunDirectory.createNamed(sweepDirectory, p.directory());
    return starter.startIn(dir, loaded, invocation, console, stop, OffsetDateTime.now(ZoneId.systemDefault()));
  }

  /**
   * Removes the directory of a point that stopped before its first checkpoint (nothing in it can
   * be continued), unless a process still holds its lock; true when it was removed.
   */
  private static boolean startsAfresh(Path directory) throws IOException {
    RunLock lock = RunLock.tryAcquire(directory);
    if (lock == null) {
      return false; // still running: resume says so
    }
    lock.release();
    try (var files = Files.walk(directory)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
    return !Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
  }
}
