package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.Invocation;
import org.rnnlab.run.Resumer;
import org.rnnlab.run.RunConsole;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.sweep.SweepReport;
import org.rnnlab.sweep.SweepRunner;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./run resume <run dir>}: continues an interrupted or killed run from its checkpoint;
 * {@code ./run resume <sweep dir>}: runs what a sweep has left.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    header = "Continues an interrupted or killed run, or what a sweep has left, from its checkpoints.",
    description = {
      "Continues an interrupted or killed run from its latest checkpoint, in its own directory.",
      "The metrics after the checkpoint are dropped and computed again: the numbers equal, bit for",
      "bit, those of a run that was never interrupted (the timing columns aside).",
      "Given a sweep, it starts the points never started and resumes the interrupted, killed and lost",
      "ones (completed, failed and diverged points are left), here or on Slurm as the sweep last ran."
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run directory (inside the runs directory), or a sweep directory.")
  Path run;

  @Option(names = "--jobs", paramLabel = "N",
      description = "A sweep's points resumed here at a time (default: the number of cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Mixin LauncherOptions launcherOptions;

  @Mixin PluginPath pluginPath;

  private final Resumer resumer;
  private final SweepRunner sweeps;

  @Inject
  ResumeCommand(Resumer resumer, SweepRunner sweeps) {
    this.resumer = resumer;
    this.sweeps = sweeps;
  }

  @Override
  public Integer call() {
    List<String> commandLine = new ArrayList<>(List.of("./run"));
    commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
    Invocation invocation = new Invocation(run, run.toString(), List.of(), run.getParent(), RunCommand.home(),
        commandLine, true);
    try (RunConsole console = RunCommand.console(spec)) {
      if (RunRecord.isSweep(run)) {
        return sweeps.resume(run.toAbsolutePath().normalize(), jobs, launcherOptions.arguments(),
            launcherOptions.waitForPoints, RunCommand.home(), commandLine, console);
      }
      if (launcherOptions.given()) {
        throw new ConfigException(Origin.of("--launcher"), "", "--launcher, --slurm and --wait are for resuming a"
            + " sweep; a single run resumes here");
      }
      Path directory = RunDirectory.insideArchive(run, runs.resolve());
      int code = resumer.resume(directory, invocation, console);
      if (RunRecord.isSweep(directory.getParent())) {
        // A sweep's point: its table and charts now tell what the point became.
        SweepReport.refresh(directory.getParent());
      }
      return code;
    } catch (IOException e) {
      spec.commandLine().getErr().println("rnnlab: cannot write the run directory: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }
}
