package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ say what is true: the reference is what the code prints, every link
 * resolves, the plugin code shown is the example project's (which PluginJarsTest compiles and
 * tests), each guarantee names tests that exist, CI runs the README's test command, nothing
 * points outside the repository, and the README stays short.
 */
class ReadmeTest {
  private static final Path ROOT = LauncherEndToEndTest.ROOT;

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("examples/plugin-project/README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
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
  void everyLinkResolves() throws IOException {
    Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    int checked = 0;
    for (Path doc : documents()) {
      Matcher m = link.matcher(Files.readString(doc));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*") || target.startsWith("#")) {
          continue; // web addresses and anchors within the page
        }
        Path resolved = doc.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
        assertTrue(Files.exists(resolved), ROOT.relativize(doc) + " links to " + target + ", which does not exist");
        assertTrue(resolved.startsWith(ROOT), ROOT.relativize(doc) + " links outside the repository: " + target);
        checked++;
      }
    }
    assertTrue(checked >= 15, "links checked: " + checked);
  }

  @Test
  void thePluginCodeShownIsTheExampleProjectsTestedCode() throws IOException {
    Set<String> sources = new HashSet<>();
    try (Stream<Path> files = Files.walk(ROOT.resolve("examples/plugin-project/src"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.add(Files.readString(f).strip());
      }
    }
    Pattern block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    int checked = 0;
    for (Path doc : List.of(ROOT.resolve("README.md"), ROOT.resolve("docs/plugins.md"))) {
      Matcher m = block.matcher(Files.readString(doc));
      while (m.find()) {
        String code = m.group(1).strip();
        assertTrue(code.startsWith("package "), ROOT.relativize(doc) + ": a code block is a whole file:\n" + code);
        assertTrue(sources.contains(code), ROOT.relativize(doc) + " shows code that is not a file of"
            + " examples/plugin-project (compiled and tested by PluginJarsTest):\n" + code);
        checked++;
      }
    }
    assertEquals(6, checked, "the README's registration and the walkthrough's cell, task, registration and tests");
  }

  @Test
  void ciRunsTheTestCommandTheReadmeGives() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(readme.contains("\n    ./run configs/memory.yaml "), "the run command");
    assertTrue(readme.contains("\n    mvn test "), "the test command");
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
    assertEquals("mvn test", ci.get(ci.size() - 1).strip(), ".ci/run ends with the README's test command");
  }

  @Test
  void theReadmeFitsOnAFewScreens() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines <= 180, "README.md has " + lines + " lines; the rest belongs in docs/");
  }

  @Test
  void nothingPointsToTheDevelopersSharedFolder() throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "grep", "-l", "-I", "-e", "\\.\\./shared", "--", ".")
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    String found = new String(git.getInputStream().readAllBytes()).strip();
    git.waitFor();
    // git grep exits 1 when nothing matches (or 128 outside a git checkout, where there is nothing to check)
    assertTrue(found.isEmpty() || found.contains("not a git repository"),
        "files that point to the developers' shared folder: " + found);
  }

  @Test
  void everyGuaranteeNamesTestsThatExist() throws IOException {
    Set<String> tests = new HashSet<>();
    for (String module : List.of("framework", "plugins", "app", "examples")) {
      try (var files = Files.walk(ROOT.resolve(module))) {
        files.filter(f -> f.toString().contains("/src/test/java/"))
            .forEach(f -> tests.add(f.getFileName().toString().replace(".java", "")));
      }
    }
    String guarantees = Files.readString(ROOT.resolve("docs/guarantees.md"));
    Matcher names = Pattern.compile("`([A-Z]\\w*Test)`").matcher(guarantees);
    int named = 0;
    for (; names.find(); named++) {
      assertTrue(tests.contains(names.group(1)), "docs/guarantees.md names " + names.group(1) + ", not a test here");
    }
    assertTrue(named >= 10, "each guarantee names its tests; found " + named);
    assertFalse(guarantees.isBlank());
  }
}
