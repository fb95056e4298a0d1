package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.run.Invocation;
import org.rnnlab.run.RunDirectory;
import org.rnnlab.run.RunConsole;
import org.rnnlab.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run resume <run dir>}: continues an interrupted or killed run from its checkpoint. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Continues an interrupted or killed run from its latest checkpoint, in its own directory.",
      "The metrics after the checkpoint are dropped and computed again: the numbers equal, bit for",
      "bit, those of a run that was never interrupted (the timing columns aside)."
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "the run directory (inside the runs directory)")
  Path run;

  private final Runner runner;

  @Inject
  ResumeCommand(Runner runner) {
    this.runner = runner;
  }

  @Override
  public Integer call() {
    List<String> commandLine = new ArrayList<>(List.of("./run"));
    commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
    Invocation invocation = new Invocation(run, run.toString(), List.of(), run.getParent(), RunCommand.home(),
        commandLine, true);
    try (RunConsole console = RunCommand.console(spec)) {
      return runner.resume(RunDirectory.insideArchive(run, runs.resolve()), invocation, console);
    } catch (IOException e) {
      spec.commandLine().getErr().println("rnnlab: cannot write the run directory: " + e.getMessage());
      return Runner.EXIT_FAILED;
    }
  }
}
