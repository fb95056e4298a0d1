package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Text;
import org.rnnlab.store.Annotations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./run tag <run> +baseline -old}: adds and removes a run's tags. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    header = "Adds tags to a run and removes them, so that list, compare and the dashboard find it.",
    description = {
      "Adds (+TAG, or TAG alone) and removes (-TAG) tags of a run; without changes, prints its tags.",
      "A run starts with the tags of its config (tags: [...]); changes go to annotations.yaml in the run",
      "directory, written atomically. Tags never change the run's numbers or its config.yaml.",
      "",
      "  ./run tag runs/2026-11-26_07-06-32_memory +baseline -old",
      "  ./run list --tag baseline"
    })
final class TagCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run directory (inside the runs directory).")
  Path run;

  @Parameters(index = "1..*", paramLabel = "+TAG|-TAG",
      description = "Tags to add (+TAG or TAG) or remove (-TAG): letters, digits, '.', '_', '-'.")
  List<String> changes = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<String> add = new ArrayList<>(), remove = new ArrayList<>();
    for (String change : changes) {
      String tag = change.startsWith("+") || change.startsWith("-") ? change.substring(1) : change;
      String problem = Annotations.tagProblem(tag);
      if (problem != null) {
        throw new ConfigException(Origin.of(Text.line(change, 80)), "", problem
            + " (+TAG adds a tag, -TAG removes one)");
      }
      (change.startsWith("-") ? remove : add).add(tag);
    }
    Path directory = AnnotatedRun.resolve(run, runs.resolve());
    Annotations annotations = AnnotatedRun.read(directory);
    if (!changes.isEmpty()) {
      try {
        annotations = annotations.withTags(add, remove);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(Origin.of(run.toString()), "", e.getMessage());
      }
      annotations.write(directory);
    }
    out.println(annotations.tags().isEmpty() ? "no tags" : "tags: " + String.join(" ", annotations.tags()));
    out.flush();
    return 0;
  }
}
