package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.run.Evaluator;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.store.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run eval <run dir> [key=value …]}: scores a saved network on fresh test data. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    header = "Scores the network a training run saved on fresh test sequences, or a text run on its validation text.",
    description = {
      "Scores the network a training run saved on fresh test sequences; overrides change the run's",
      "config first (e.g. another sequence length). A text run is scored on its whole validation",
      "text, or on another file. Prints the result and writes eval-<time>.yaml into the run directory.",
      "",
      "  ./run eval runs/2026-11-26_06-04-04_memory task.remember=20",
      "  ./run eval runs/2026-11-26_14-02-11_shakespeare --best task.validation_file=data/other.txt"
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run directory (inside the runs directory).")
  Path run;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Overrides of the run's config.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--sequences", paramLabel = "N", description = "Fresh test sequences (default: 1000); not for text runs.")
  int sequences = 1000;

  @Option(names = "--best", description = "Score the parameters of the lowest validation loss (best.bin), not the last.")
  boolean best;

  @Mixin PluginPath pluginPath;

  private final Evaluator evaluator;

  @Inject
  EvalCommand(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (sequences < 1 || sequences > 10_000_000) {
      err.println("rnnlab: --sequences: expected an integer in 1..10000000, got " + sequences);
      return ExitCodes.BAD_INPUT;
    }
    try {
      Map<String, Object> results = evaluator.evaluate(RunDirectory.insideArchive(run, runs.resolve()), overrides, sequences,
          best);
      out.print(YamlWriter.write(results));
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("rnnlab: cannot write the result: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }
}
