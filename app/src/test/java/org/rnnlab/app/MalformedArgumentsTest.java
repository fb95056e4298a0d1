package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command and option with a malformed value (globs, numbers, paths, empty strings, values
 * too large for the machine) ends the same way: one inert, bounded line on stderr, exit code 2,
 * and nothing new left in the archive. Messages never echo control characters or huge input.
 */
class MalformedArgumentsTest {
  @TempDir static Path dir;
  static Path runs;
  static Path run;
  static Path config;

  @BeforeAll
  static void oneRun() throws IOException {
    runs = dir.resolve("runs");
    config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(config.toString(), "--runs-dir", runs.toString()).exitCode());
    run = Runs.runDirectories(runs).get(0);
  }

  static Stream<List<String>> malformed() {
    String r = "@runs", c = "@config", d = "@run";
    return Stream.of(
        List.of("list", "--name", "[", "--runs-dir", r),
        List.of("list", "--name", "{a,", "--runs-dir", r),
        List.of("list", "--status", "bogus", "--runs-dir", r),
        List.of("list", d, "--runs-dir", r),
        List.of("list", "--format", "xml", "--runs-dir", r),
        List.of("list", "--runs-dir", ""),
        List.of("list", "@nowhere"),
        List.of("compare", "@runs/[", d, "--runs-dir", r),
        List.of("compare", d, d, "--metrics", "bogus", "--runs-dir", r),
        List.of("compare", d, d, "--stat", "median", "--runs-dir", r),
        List.of("compare", d, "--runs-dir", r),
        List.of("compare", "", d, "--runs-dir", r),
        List.of("eval", d, "--sequences", "0", "--runs-dir", r),
        List.of("eval", d, "--sequences", "x", "--runs-dir", r),
        List.of("eval", d, "task.remember=10000", "--sequences", "100000", "--runs-dir", r),
        List.of("eval", "@nowhere", "--runs-dir", r),
        List.of("resume", "", "--runs-dir", r),
        List.of("resume", d, "--runs-dir", r, "--bogus"),
        List.of(c, "--jobs", "x", "--runs-dir", r),
        List.of(c, "--jobs", "0", "--sweep", "seed=1..2", "--runs-dir", r),
        List.of(c, "--sweep", "seed=1..2", "--jobs", "99999999999", "--runs-dir", r),
        List.of(c, "network.hidden=4096", "experiment.batch_size=65536", "task.remember=10000", "--runs-dir", r),
        List.of(c, "--runs-dir", ""),
        List.of("", "--runs-dir", r),
        List.of(c, "name=x_sweep", "--runs-dir", r),
        List.of("plugins", "--plugin-path", ""),
        List.of("tag", d, "<b>", "--runs-dir", r),
        List.of("tag", d, "--bogus", "--runs-dir", r),
        List.of("tag", d, "+" + "t".repeat(41), "--runs-dir", r),
        List.of("tag", "@nowhere", "+x", "--runs-dir", r),
        List.of("tag", r, "+x", "--runs-dir", r),
        List.of("tag", "@config", "+x", "--runs-dir", r),
        List.of("note", d, "\u001b[2J", "--runs-dir", r),
        List.of("note", d, "n".repeat(4001), "--runs-dir", r),
        List.of("note", "@nowhere", "x", "--runs-dir", r),
        List.of("list", "--tag", "-x", "--runs-dir", r),
        List.of("compare", d, d, "--tag", "absent", "--runs-dir", r),
        List.of("serve", "--port", "-1", "--runs-dir", r),
        List.of("serve", "--port", "65536", "--runs-dir", r),
        List.of("serve", "--port", "x", "--runs-dir", r),
        List.of("serve", "--host", "", "--runs-dir", r),
        List.of("serve", "--host", "[::1", "--runs-dir", r),
        List.of("serve", "--host", "192.0.2.1", "--port", "0", "--runs-dir", r), // TEST-NET-1: no address of ours
        List.of("serve", "--runs-dir", "@config"),
        List.of("--bogus"));
  }

  private static List<String> concrete(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(a.replace("@runs", runs.toString()).replace("@config", config.toString()).replace("@run", run.toString())
          .replace("@nowhere", dir.resolve("nowhere").toString()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isOneLineExitTwoAndLeavesNothing(List<String> args) throws IOException {
    List<Path> before = everything();
    Runs.Result result = Runs.execute(concrete(args).toArray(String[]::new));
    assertEquals(2, result.exitCode(), args + ": " + result.err() + result.out());
    String err = result.err().strip();
    assertEquals(1, err.lines().count(), args + ": " + err);
    assertTrue(err.startsWith("rnnlab: "), err);
    assertFalse(err.contains("Exception") && err.contains("\tat "), err);
    assertEquals(before, everything(), args + " left something behind");
  }

  private static List<Path> everything() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.getFileName().toString().startsWith("eval-")).sorted().toList();
    }
  }

  @Test
  void anEvaluationTooBigForMemoryNamesSequences() throws IOException {
    Path run = Runs.runDirectories(runs).get(0);
    Runs.Result result = Runs.execute("eval", run.toString(), "task.remember=10000", "--sequences", "100000",
        "--runs-dir", runs.toString());
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().contains("lower --sequences"), result.err());
  }

  @Test
  void sweepPointsThatFitAloneButNotTogetherAreRefusedNamingJobs() throws IOException {
    // A point needing about 60 % of what this JVM may use: one fits, two at a time do not.
    long usable = (long) (Runtime.getRuntime().maxMemory() * 0.85);
    long batch = Math.max(1, (long) (0.6 * usable / (27.0 * 1024 * 8)));
    List<Path> before = everything();
    Runs.Result result = Runs.execute(config.toString(), "task.remember=13", "network.hidden=1024",
        "experiment.batch_size=" + Math.min(batch, 65_536), "--sweep", "seed=1..2", "--jobs", "2", "--runs-dir",
        runs.toString());
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().contains("× 2 points at a time") && result.err().contains("lower --jobs"), result.err());
    assertEquals(before, everything());
  }

  @Test
  void aHugeOrControlledValueIsShortenedAndEscapedInTheMessage() {
    String longName = "n".repeat(200_000);
    Runs.Result name = Runs.execute(config.toString(), "name=" + longName, "--runs-dir", runs.toString());
    assertEquals(2, name.exitCode());
    assertTrue(name.err().length() < 3000, "a 200 KB value gives a line of " + name.err().length() + " characters");
    Runs.Result key = Runs.execute(config.toString(), "k".repeat(50_000) + "=1", "--runs-dir", runs.toString());
    assertEquals(2, key.exitCode());
    assertTrue(key.err().length() < 3000, key.err().length() + " characters");
    Runs.Result escape = Runs.execute(config.toString(), "name=\u001b]0;pwned\u0007", "--runs-dir", runs.toString());
    assertEquals(2, escape.exitCode());
    assertFalse(escape.err().chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), "raw control characters: " + escape.err());
    assertTrue(escape.err().contains("\\e]0;pwned\\u0007"), escape.err());
  }

  @Test
  void listEscapesWhatDirectoriesAndSummariesHold() throws IOException {
    Path hostile = Files.createDirectories(runs.resolve("2026-01-01_00-00-00_\u001b[31mred"));
    Files.writeString(hostile.resolve("summary.yaml"), "status: \"completed\\e[2J\"\nname: \"a\\nb\"\n");
    Files.writeString(hostile.resolve("config.yaml"), "name: x\n");
    try {
      Runs.Result list = Runs.execute("list", "--runs-dir", runs.toString());
      assertFalse(list.out().chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), "raw control characters in " + list.out());
      assertTrue(list.out().contains("\\e[31mred"), list.out());
    } finally {
      try (Stream<Path> files = Files.walk(hostile)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  @Test
  void overridesStayOneALineAndTheCommandLineCanBePastedBack() throws IOException {
    Path other = dir.resolve("other-runs");
    assertEquals(0, Runs.execute(config.toString(), "sinks=[]", "experiment.steps=10", "experiment.log_every=10",
        "experiment.eval_every=10", "experiment.checkpoint_every=0", "--runs-dir", other.toString()).exitCode());
    Path made = Runs.runDirectories(other).get(0);
    assertEquals(List.of("sinks=[]", "experiment.steps=10", "experiment.log_every=10", "experiment.eval_every=10",
        "experiment.checkpoint_every=0"), Files.readAllLines(made.resolve("overrides.txt")));
    String commandLine = Runs.yaml(made.resolve("provenance.yaml")).get("command_line").toString();
    assertTrue(commandLine.contains(" 'sinks=[]' "), "shell-quoted: " + commandLine);
  }
}
