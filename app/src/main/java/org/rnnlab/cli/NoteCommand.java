package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code ./run note <run> "text"}: sets a run's notes. */
@Command(
    name = "note",
    mixinStandardHelpOptions = true,
    header = "Sets the notes of a run, shown by list, compare and the dashboard.",
    description = {
      "Sets the notes of a run (\"\" clears them); without text, prints them. A run starts with the notes",
      "of its config (notes: ...); changes go to annotations.yaml in the run directory, written atomically.",
      "",
      "  ./run note runs/2026-11-26_07-06-32_memory \"diverges without clipping; see the lr=0.03 sweep\""
    })
final class NoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run directory (inside the runs directory).")
  Path run;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT",
      description = "The notes, at most " + Annotations.MAX_NOTES_LENGTH + " characters; \"\" clears them.")
  String text;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (text != null && Annotations.notesProblem(text) != null) {
      throw new ConfigException(Origin.of("TEXT"), "", Annotations.notesProblem(text));
    }
    Path directory = AnnotatedRun.resolve(run, runs.resolve());
    Annotations annotations = AnnotatedRun.read(directory);
    if (text != null) {
      annotations = annotations.withNotes(text);
      annotations.write(directory);
    }
    out.println(annotations.notes().isEmpty() ? "no notes" : "notes: " + Text.inert(annotations.notes()));
    out.flush();
    return 0;
  }
}
