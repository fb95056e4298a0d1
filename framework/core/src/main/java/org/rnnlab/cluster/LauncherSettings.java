package org.rnnlab.cluster;

import java.util.List;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;

/**
 * Where a sweep's points run: the {@code launcher:} section of an experiment file, changed by
 * {@code --launcher} and {@code --slurm key=value,…} on the command line. It says how the points
 * are dispatched, not what they compute, so a point's {@code config.yaml} never holds it; the
 * sweep keeps it in {@code sweep.yaml}. The Slurm settings become {@code #SBATCH} lines of the
 * sweep's batch script (see {@link BatchScript}), which is why they may hold no line breaks or
 * double quotes.
 */
public record LauncherSettings(
    @Setting(value = "where a sweep's points run: local (here, --jobs at a time) or slurm (one job array, one"
        + " task per point)", defaultValue = "local")
    Kind type,
    @Setting(value = "Slurm: the partition of the tasks (empty: the cluster's default)", defaultValue = "")
    String partition,
    @Setting(value = "Slurm: each task's time limit as sbatch --time takes it, e.g. 00:30:00 (empty: the"
        + " partition's)", defaultValue = "")
    String time,
    @Setting(value = "Slurm: CPUs of each task; its run uses at most this many threads", defaultValue = "1", min = 1,
        max = 1024)
    int cpusPerTask,
    @Setting(value = "Slurm: each task's memory as sbatch --mem takes it, e.g. 2G (empty: the partition's default)",
        defaultValue = "")
    String mem,
    @Setting(value = "Slurm: tasks that may run at once, the array's %N throttle (0: as many as Slurm gives)",
        defaultValue = "0", min = 0, max = 1_000_000)
    int arrayParallelism,
    @Setting(value = "Slurm: the account the tasks are charged to (empty: your default)", defaultValue = "")
    String account,
    @Setting(value = "Slurm: more sbatch options, each whole, e.g. [--qos=long, --gres=gpu:1]", defaultValue = "[]")
    List<String> extra) {

  /** The launchers. */
  public enum Kind {
    LOCAL,
    SLURM
  }

  /** The key of the section in an experiment file. */
  public static final String KEY = "launcher";

  public LauncherSettings {
    extra = List.copyOf(extra);
    word("partition", partition);
    word("time", time);
    word("mem", mem);
    word("account", account);
    for (int i = 0; i < extra.size(); i++) {
      String option = extra.get(i);
      if (!option.startsWith("-") || !option.equals(option.strip()) || unsafe(option)) {
        throw new InvalidSetting("extra." + i, "expected one sbatch option such as --qos=long (starting with '-', no"
            + " line break or double quote), got '" + option + "'");
      }
    }
  }

  /** Whether the points go to Slurm. */
  public boolean slurm() {
    return type == Kind.SLURM;
  }

  private static void word(String key, String value) {
    if (value.chars().anyMatch(Character::isWhitespace) || unsafe(value)) {
      throw new InvalidSetting(key, "expected one word for sbatch (no spaces, line breaks or double quotes), got '"
          + value + "'");
    }
  }

  /** What an {@code #SBATCH} line cannot carry. */
  static boolean unsafe(String text) {
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"' || c == '\\');
  }
}
