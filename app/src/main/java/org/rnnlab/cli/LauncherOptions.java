package org.rnnlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Overrides;
import picocli.CommandLine.Option;

/** {@code --launcher}, {@code --slurm} and {@code --wait}: where a sweep's points run. */
final class LauncherOptions {
  @Option(names = "--launcher", paramLabel = "NAME",
      description = "Where a sweep's points run: local (here, --jobs at a time; the default) or slurm (one job"
          + " array, one task per point). Also the config's launcher: section.")
  String launcher;

  @Option(names = "--slurm", paramLabel = "KEY=VALUE,…",
      description = "Slurm settings, e.g. --slurm partition=gpu,time=00:30:00,cpus_per_task=1,mem=2G,"
          + "array_parallelism=20,account=lab,extra=[--qos=long] (see ./run plugins: launcher).")
  List<String> slurm = new ArrayList<>();

  @Option(names = "--wait", description = "With Slurm: follow the points until they end, as a local sweep shows them.")
  boolean waitForPoints;

  /** The settings as {@code key=value} with where each came from, in the order given. */
  Map<String, Origin> arguments() {
    Map<String, Origin> arguments = new LinkedHashMap<>();
    if (launcher != null) {
      arguments.put("type=" + launcher, Origin.of("--launcher '" + launcher + "'"));
    }
    for (String group : slurm) {
      for (String setting : Overrides.splitTopLevel(group)) {
        arguments.put(setting, Origin.of("--slurm '" + setting + "'"));
      }
    }
    return arguments;
  }

  boolean given() {
    return launcher != null || !slurm.isEmpty() || waitForPoints;
  }
}
