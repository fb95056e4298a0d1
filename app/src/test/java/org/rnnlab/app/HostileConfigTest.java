package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input, each case exit code 2, one line naming where and what, and no run directory: the
 * fixtures in src/test/resources/hostile/ (their expected messages in expected.csv), documents too
 * big to keep as fixtures (10 MB, nesting 1,000 deep), a directory, and Java tags in overrides.
 * Every case's time is written to target/hostile-timings.txt.
 */
class HostileConfigTest {
  static final Path FIXTURES = Path.of("src/test/resources/hostile");
  static final List<String> TIMINGS = new ArrayList<>();

  @TempDir Path dir;

  static Stream<Arguments> fixtures() throws IOException {
    return Files.readAllLines(FIXTURES.resolve("expected.csv")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split(" \\| ", 2))
        .map(p -> Arguments.of(p[0].strip(), p[1].strip()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void aHostileFileIsOneLineAndExitCodeTwo(String fixture, String expected) throws IOException {
    Path copy = Files.copy(FIXTURES.resolve(fixture), dir.resolve(fixture));
    String message = rejected(fixture, copy.toString());
    assertTrue(message.startsWith("rnnlab: " + expected), message);
  }

  @Test
  void aTenMegabyteDocument() throws IOException {
    StringBuilder s = new StringBuilder("seed: 1\nnotes: |\n");
    while (s.length() < 10_000_000) {
      s.append("  ").append("x".repeat(98)).append('\n');
    }
    Path big = Files.writeString(dir.resolve("big.yaml"), s);
    assertTrue(rejected("10 MB", big.toString()).contains("a config may be at most 1048576 bytes"));
  }

  @Test
  void nestingAThousandDeep() throws IOException {
    Path deep = Files.writeString(dir.resolve("deep.yaml"), "a: " + "[".repeat(1000) + "]".repeat(1000) + "\n");
    assertTrue(rejected("1,000 deep (flow)", deep.toString()).contains("rejected YAML: nested deeper than 64 levels"));
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      block.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    Path deepBlock = Files.writeString(dir.resolve("deep-block.yaml"), block);
    assertTrue(rejected("1,000 deep (block)", deepBlock.toString()).contains("rejected YAML: nested deeper than 64 levels"));
  }

  @Test
  void aDirectoryWhereAFileIsExpected() throws IOException {
    assertTrue(rejected("a directory", Files.createDirectories(dir.resolve("configs.yaml")).toString())
        .endsWith("configs.yaml: is a directory; expected a YAML config file"));
  }

  @Test
  void javaTagsInOverrides() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.yaml"), Runs.SMALL);
    assertEquals("rnnlab: override 'task=!!javax.script.ScriptEngineManager [x]': task: the tag"
        + " !!javax.script.ScriptEngineManager is not allowed: configs are plain YAML (mappings, lists, strings,"
        + " numbers, booleans) and never construct objects",
        rejected("override", ok.toString(), "task=!!javax.script.ScriptEngineManager [x]"));
    assertTrue(rejected("nested override", ok.toString(), "network.cell={type: rnn, activation: !!java.io.File x}")
        .contains("network.cell.activation: the tag !!java.io.File is not allowed"));
  }

  /** Runs the command line on {@code config}; checks exit code 2, one line, no run directory; returns the line. */
  private String rejected(String what, String config, String... overrides) throws IOException {
    List<String> args = new ArrayList<>(List.of(config));
    args.addAll(List.of(overrides));
    args.addAll(List.of("--runs-dir", dir.resolve("runs").toString()));
    long start = System.nanoTime();
    Runs.Result result = Runs.execute(args.toArray(String[]::new));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(2, result.exitCode(), what + ": " + result.err() + result.out());
    String err = result.err().strip();
    assertFalse(err.contains("\n"), what + ": more than one line: " + err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": a stack trace: " + err);
    assertFalse(Files.exists(dir.resolve("runs")), what + ": a run directory was made");
    String message = err.replace(config, Path.of(config).getFileName().toString());
    synchronized (TIMINGS) {
      TIMINGS.add(String.format("%6d ms  %-34s %s", millis, what, message));
    }
    return message;
  }

  @AfterAll
  static void writeTimings() throws IOException {
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/hostile-timings.txt"), TIMINGS, StandardCharsets.UTF_8);
  }
}
