package org.rnnlab.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Text;

/** Submits batch scripts with {@code sbatch}; whatever sbatch refuses is bad input in its own words. */
public final class Sbatch {
  /** sbatch retries an unreachable controller for about 10 s before it gives up. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Sbatch() {}

  /**
   * The submission of one script.
   *
   * @param jobId the array's job id
   * @param output what sbatch printed (stdout, then stderr)
   */
  public record Submitted(long jobId, String output) {}

  /**
   * Refuses, before anything is written, a machine where sbatch cannot be run.
   *
   * @throws ConfigException when sbatch is not on the PATH
   */
  public static void requireOnPath() {
    if (!Command.onPath("sbatch")) {
      throw new ConfigException(Origin.of("--launcher slurm"), "", "sbatch is not on the PATH: run this on a machine"
          + " that submits Slurm jobs (a login node; perhaps after 'module load slurm'), or use --launcher local");
    }
  }

  /**
   * Submits {@code script} with {@code sbatch --parsable}.
   *
   * @throws ConfigException when sbatch refuses it (a partition, account, time or array it does
   *     not take; a controller it cannot reach), with sbatch's own words
   */
  public static Submitted submit(Path script) {
    Command.Result result;
    try {
      result = Command.run(List.of("sbatch", "--parsable", script.toString()), TIMEOUT);
    } catch (IOException e) {
      throw new ConfigException(Origin.of("sbatch"), "", "cannot submit the sweep: " + e.getMessage());
    }
    String printed = (result.out() + result.err()).strip();
    String id = result.out().strip().lines().reduce((a, b) -> b).orElse("").replaceFirst(";.*", "");
    if (result.exitCode() != 0 || !id.matches("[0-9]{1,18}")) {
      throw new ConfigException(Origin.of("sbatch"), "", "Slurm refused the sweep's job array (exit "
          + result.exitCode() + "): " + Text.line(result.words().isEmpty() ? "it printed nothing" : result.words(), 1000));
    }
    return new Submitted(Long.parseLong(id), printed);
  }
}
