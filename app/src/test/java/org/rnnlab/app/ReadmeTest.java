package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README says what is true: its reference, its worked example and its test command. */
class ReadmeTest {
  private static final Path ROOT = LauncherEndToEndTest.ROOT;

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  @Test
  void theConfigReferenceIsWhatPluginsPrints() throws Exception {
    String documented = Files.readString(ROOT.resolve("docs/reference.md"));
    LauncherEndToEndTest.Process plugins = LauncherEndToEndTest.launch(ROOT, "plugins", "--markdown", "--built-in");
    assertEquals(0, plugins.exitCode(), plugins.err());
    assertEquals(plugins.out(), documented,
        "docs/reference.md is stale: run ./run plugins --markdown --built-in > docs/reference.md");
  }

  @Test
  void theWorkedExampleIsTheTestedCode() throws IOException {
    String readme = readme();
    Matcher blocks = Pattern.compile("   ```java\\n(.*?)   ```", Pattern.DOTALL).matcher(readme);
    String sources = Files.readString(Path.of("src/test/java/org/rnnlab/app/LinearCell.java"))
        + Files.readString(Path.of("src/test/java/org/rnnlab/app/MyCellsPlugin.java"));
    int checked = 0;
    while (blocks.find()) {
      String code = blocks.group(1).replaceAll("(?m)^   ", "");
      if (code.contains("class LinearCell ") || code.contains("class MyCellsPlugin ")) {
        assertTrue(sources.contains(code), "README example differs from the tested source:\n" + code);
        checked++;
      }
    }
    assertEquals(2, checked);
  }

  @Test
  void ciRunsTheTestCommandTheReadmeGives() throws IOException {
    String readme = readme();
    assertTrue(readme.contains("\n    ./run configs/memory.yaml "), "the run command");
    assertTrue(readme.contains("\n    mvn test "), "the test command");
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
    assertEquals("mvn test", ci.get(ci.size() - 1).strip(), ".ci/run ends with the README's test command");
  }

  @Test
  void everyGuaranteeNamesTestsThatExist() throws IOException {
    java.util.Set<String> tests = new java.util.HashSet<>();
    for (String module : List.of("framework", "plugins", "app")) {
      try (var files = Files.walk(ROOT.resolve(module))) {
        files.filter(f -> f.toString().contains("/src/test/java/"))
            .forEach(f -> tests.add(f.getFileName().toString().replace(".java", "")));
      }
    }
    String readme = readme();
    int start = readme.indexOf("## What rnnlab guarantees");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    java.util.regex.Matcher names = java.util.regex.Pattern.compile("`([A-Z]\\w*Test)`").matcher(section);
    int named = 0;
    for (; names.find(); named++) {
      assertTrue(tests.contains(names.group(1)), "README names " + names.group(1) + ", which is not a test here");
    }
    assertTrue(named >= 10, "each guarantee names its tests; found " + named);
  }
}
