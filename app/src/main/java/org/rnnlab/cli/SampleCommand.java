package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnlab.run.ExitCodes;
import org.rnnlab.run.Sampler;
import org.rnnlab.store.RunDirectory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run sample <run dir>}: generates text from a text run's saved network. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    header = "Generates text from the network a text run saved.",
    description = {
      "Generates text from the network a text run saved: it reads the prime, then draws each next",
      "character from softmax(z / temperature) and reads it back. Streams the text to standard",
      "output; the same seed gives the same text. Uses the parameters of the lowest validation",
      "loss (best.bin) unless --last.",
      "",
      "  ./run sample runs/2026-11-26_14-02-11_shakespeare --prime 'ROMEO:' --length 500",
      "  ./run sample runs/2026-11-26_14-02-11_shakespeare --temperature 0.5 --seed 7 --out"
    })
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run directory (inside the runs directory).")
  Path run;

  @Option(names = "--prime", paramLabel = "TEXT",
      description = "Text the network reads first, printed first (default: a newline).")
  String prime = "";

  @Option(names = "--length", paramLabel = "N", description = "Characters to generate after the prime (default: 1000).")
  int length = 1000;

  @Option(names = "--temperature", paramLabel = "T",
      description = "Divides the outputs before the softmax: below 1 more likely text, above 1 more varied; 0 always"
          + " takes the likeliest character (default: 1).")
  double temperature = 1;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the draws (default: 1).")
  long seed = 1;

  @ArgGroup(exclusive = true)
  Which which;

  static final class Which {
    @Option(names = "--best", description = "The parameters of the lowest validation loss (best.bin).")
    boolean best;

    @Option(names = "--last", description = "The parameters where training stopped (checkpoint.bin).")
    boolean last;
  }

  @Option(names = "--out", description = "Also write the text to sample-<time>.txt in the run directory.")
  boolean out;

  @Mixin PluginPath pluginPath;

  private final Sampler sampler;

  @Inject
  SampleCommand(Sampler sampler) {
    this.sampler = sampler;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Sampler.Parameters parameters = which == null ? Sampler.Parameters.BEST_IF_ANY
        : which.best ? Sampler.Parameters.BEST : Sampler.Parameters.LAST;
    try {
      Sampler.Result result = sampler.sample(RunDirectory.insideArchive(run, runs.resolve()),
          new Sampler.Request(prime, length, temperature, seed, parameters, out), stdout);
      stdout.println();
      stdout.flush();
      err.println(String.format(Locale.ROOT, "sampled from %s (step %d) at temperature %s, seed %d%s",
          result.checkpoint(), result.step(), temperature, seed,
          result.file() == null ? "" : " → " + result.file()));
      return 0;
    } catch (IOException e) {
      err.println("rnnlab: cannot write the sample: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }
}
