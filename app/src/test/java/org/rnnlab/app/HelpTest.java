package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ./run --help tells what each command does in a whole sentence. */
class HelpTest {

  @Test
  void everyCommandSummaryIsAWholeSentence() {
    Runs.Result help = Runs.execute("--help");
    assertEquals(0, help.exitCode(), help.err());
    String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Exit codes"));
    List<String> summaries = new ArrayList<>();
    for (String line : commands.lines().skip(1).toList()) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("  ") && !line.startsWith("    ")) {
        summaries.add(line.strip().replaceFirst("^\\S+\\s+", ""));
      } else {
        summaries.set(summaries.size() - 1, summaries.get(summaries.size() - 1) + " " + line.strip());
      }
    }
    assertEquals(9, summaries.size(), "plugins, list, compare, resume, eval, sample, tag, note, serve: " + commands);
    for (String summary : summaries) {
      assertTrue(Character.isUpperCase(summary.charAt(0)) && summary.endsWith("."), "a whole sentence: " + summary);
    }
  }
}
