package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher, as a user starts it, on a short config. */
class LauncherEndToEndTest {
  /** The repository root: the tests run in app/. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  record Process(int exitCode, String out, String err) {}

  static Process launch(Path workingDirectory, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = Runs.launcher(workingDirectory, args);
    Path out = Files.createTempFile("launcher", ".out"), err = Files.createTempFile("launcher", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    java.lang.Process process = builder.start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish");
    return new Process(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void aShortRunWritesACompleteRunDirectory() throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Process p = launch(dir, "small.yaml", "seed=4", "--runs-dir", "runs");
    assertEquals(0, p.exitCode(), p.err() + p.out());
    List<Path> runs = Runs.runDirectories(dir.resolve("runs"));
    assertEquals(1, runs.size());
    Path run = runs.get(0);
    assertTrue(run.getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_small"), run.toString());
    for (String file : List.of("config.yaml", "overrides.txt", "provenance.yaml", "metrics.csv", "summary.yaml",
        "run.log", "loss.png", "accuracy.png", "grad_norm.png")) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file + " is missing");
    }

    List<CSVRecord> metrics = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(List.of("10", "20", "30", "40"), Runs.column(metrics, "step"));
    assertFalse(metrics.get(3).get("test_accuracy").isEmpty());
    for (String png : List.of("loss.png", "accuracy.png", "grad_norm.png")) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(run.resolve(png)), 8);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png);
      assertNotNull(ImageIO.read(run.resolve(png).toFile()), png);
    }

    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("completed", summary.get("status"));
    assertEquals(40, summary.get("steps"));
    Map<String, Object> config = Runs.yaml(run.resolve("config.yaml"));
    assertEquals(4, config.get("seed"), "the override is in the resolved config");
    assertEquals("glorot", ((Map<?, ?>) ((Map<?, ?>) config.get("network")).get("init")).get("type"),
        "defaults are filled in");
    assertEquals("seed=4\n", Files.readString(run.resolve("overrides.txt")));
    Map<String, Object> provenance = Runs.yaml(run.resolve("provenance.yaml"));
    for (String key : List.of("rnnlab_version", "git", "java", "os", "cpu", "host", "command_line", "start", "end",
        "plugins")) {
      assertNotNull(provenance.get(key), key);
    }
    assertTrue(provenance.get("command_line").toString().contains("small.yaml seed=4"));
    String log = Files.readString(run.resolve("run.log"), StandardCharsets.UTF_8);
    assertTrue(log.contains("step 40/40") && log.contains("completed"), log);
    assertTrue(p.out().contains("step 40/40"), "progress is shown: " + p.out());
  }

  @Test
  void badInputThroughTheLauncherIsOneLineAndExitCodeTwo() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "network:\n  hidden: lots\n");
    Process p = launch(dir, "bad.yaml", "--runs-dir", "runs");
    assertEquals(2, p.exitCode());
    assertEquals("rnnlab: bad.yaml:2:11: network.hidden: expected an integer in 1..4096, got 'lots'\n", p.err());
    assertFalse(Files.exists(dir.resolve("runs")));
  }

  @Test
  void helpAndPluginsWork() throws Exception {
    Process help = launch(dir, "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("Usage: run"), help.out());
    Process plugins = launch(dir, "plugins");
    assertEquals(0, plugins.exitCode());
    for (String name : List.of("rnn", "glorot", "zeros", "softmax-cross-entropy", "none", "norm", "value", "sgd", "adam",
        "memory", "console", "chart", "train")) {
      assertTrue(plugins.out().contains("  " + name + " — "), name);
    }
  }
}
