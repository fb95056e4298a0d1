package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.RunConsole;
import org.rnnlab.run.RunExecution;
import org.rnnlab.run.StopSignal;
import org.rnnlab.sweep.PointRunner;
import org.rnnlab.sweep.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./run sweep-point <sweep dir> --point N}: what a Slurm array task runs. Starts point N of
 * the sweep when it has no directory, resumes it when it was stopped, leaves it when it ended;
 * then brings the sweep's files up to date (its charts too once no point is left to run).
 */
@Command(
    name = "sweep-point",
    hidden = true,
    mixinStandardHelpOptions = true,
    header = "Runs one point of a recorded sweep (what a Slurm array task runs).",
    description = {
      "Starts point N of the sweep when it has no directory yet, resumes it from its checkpoint when it",
      "was stopped or killed, and leaves it when it has ended; then updates sweep.yaml and sweep.csv."
    })
final class SweepPointCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
  Path sweep;

  @Option(names = "--point", required = true, paramLabel = "N", description = "The point, from 1.")
  int point;

  private final PointRunner points;

  @Inject
  SweepPointCommand(PointRunner points) {
    this.points = points;
  }

  @Override
  public Integer call() {
    if (!RunRecord.isSweep(sweep)) {
      throw new ConfigException(Origin.of(sweep.toString()), "", "not a sweep directory (no sweep.yaml)");
    }
    List<String> commandLine = new ArrayList<>(List.of("./run"));
    commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
    // The run uses the CPUs Slurm gave the task, not every core of the node.
    String cpus = System.getenv("SLURM_CPUS_PER_TASK");
    RunExecution.capThreads(cpus != null && cpus.matches("[1-9][0-9]{0,4}") ? Integer.parseInt(cpus) : 1);
    int code;
    try (RunConsole console = RunCommand.console(spec)) {
      code = points.run(sweep, point, RunCommand.home(), commandLine, console, StopSignal.forInvocation(true));
    } catch (IOException e) {
      spec.commandLine().getErr().println("rnnlab: cannot write the run directory: " + e.getMessage());
      code = ExitCodes.FAILED;
    }
    try {
      SweepState state = SweepReport.refresh(sweep, false, null, null);
      if (state.ended()) {
        SweepReport.refresh(sweep);
      }
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getErr().println("rnnlab: the sweep's table was not updated: " + e.getMessage());
    }
    return code;
  }
}
