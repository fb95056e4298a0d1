package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A character-level language model end to end: a text file named relative to its config, a stack
 * with dropout trained by truncated BPTT, the archive it leaves (vocabulary, data provenance, best
 * validation), sampling, evaluation, and a stop and resume that ends with the uninterrupted numbers.
 */
class TextRunsTest {
  @TempDir Path dir;

  /** The first 40,000 bytes of the shipped corpus (ASCII, so also 40,000 characters). */
  private static String corpus() throws IOException {
    byte[] all = Files.readAllBytes(LauncherEndToEndTest.ROOT.resolve("data/tinyshakespeare.txt"));
    return new String(all, 0, 40_000, StandardCharsets.UTF_8);
  }

  /**
   * configs/lm.yaml naming data/text.txt relative to itself; returns the config. The working
   * directory of the tests is elsewhere, so a path taken from it would not be found.
   */
  private Path config(String experiment) throws IOException {
    Path project = Files.createDirectories(dir.resolve("project/configs"));
    Files.createDirectories(dir.resolve("project/data"));
    Files.writeString(dir.resolve("project/data/text.txt"), corpus());
    return Files.writeString(project.resolve("lm.yaml"), """
        seed: 5
        task: {type: text, file: ../data/text.txt, chunk: 16, validation: 0.1}
        network:
          layers: [{cell: lstm, hidden: 24}, {cell: gru, hidden: 16}]
          dropout: 0.1
        optimizer: {type: adam, learning_rate: 0.01}
        clipper: {type: norm, max_norm: 5}
        experiment: {type: train, %s}
        sinks: [console]
        """.formatted(experiment));
  }

  private Path train(String experiment, String runs) throws IOException {
    Runs.Result r = Runs.execute(config(experiment).toString(), "--runs-dir", dir.resolve(runs).toString());
    assertEquals(0, r.exitCode(), r.err() + r.out());
    return Runs.runDirectories(dir.resolve(runs)).get(0);
  }

  @Test
  void aTextRunArchivesItsVocabularyDataAndBestValidation() throws Exception {
    Path run = train("steps: 120, batch_size: 8, log_every: 20, eval_every: 40", "runs");
    String text = corpus();
    String vocabulary = Files.readString(run.resolve("vocabulary.json"));
    List<String> symbols = text.codePoints().distinct().sorted().mapToObj(Character::toString).toList();
    assertEquals(symbols, new org.yaml.snakeyaml.Yaml().load(vocabulary), "the file's characters, sorted");

    @SuppressWarnings("unchecked")
    Map<String, Object> file = (Map<String, Object>) ((Map<String, Object>) Runs.yaml(run.resolve("provenance.yaml"))
        .get("data")).get("file");
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))),
        file.get("sha256"));
    assertEquals(40_000, file.get("bytes"));
    assertEquals(dir.resolve("project/data/text.txt").toString(), file.get("path"), "relative to the config file");

    List<CSVRecord> rows = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(6, rows.size());
    double best = Double.POSITIVE_INFINITY;
    long bestStep = -1;
    for (CSVRecord row : rows) {
      double loss = Double.parseDouble(row.get("loss"));
      assertEquals(loss / Math.log(2), Double.parseDouble(row.get("bits_per_char")), 1e-12);
      if (!row.get("val_loss").isEmpty()) {
        double val = Double.parseDouble(row.get("val_loss"));
        assertEquals(val / Math.log(2), Double.parseDouble(row.get("val_bits_per_char")), 1e-12);
        assertEquals(Math.exp(val), Double.parseDouble(row.get("val_perplexity")), 1e-9);
        if (val < best) {
          best = val;
          bestStep = Long.parseLong(row.get("step"));
        }
      }
    }
    // 120 steps of 8 streams × 16 characters, every one of which has its next as a target.
    assertEquals(120L * 8 * 16, Long.parseLong(rows.get(rows.size() - 1).get("characters")));
    double first = Double.parseDouble(rows.get(0).get("loss"));
    assertTrue(first < Math.log(symbols.size()) + 0.1 && best < first - 0.3, "it learns: " + first + " → " + best);
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> results = (Map<String, Object>) summary.get("best");
    assertEquals(best, ((Number) results.get("val_loss")).doubleValue());
    assertEquals(bestStep, ((Number) results.get("val_loss_step")).longValue());
    assertTrue(Files.exists(run.resolve("best.bin")) && Files.exists(run.resolve("checkpoint.bin")));

    // eval on the validation split gives the logged number again; on another file, another one.
    Runs.Result eval = Runs.execute("eval", run.toString(), "--best", "--runs-dir", dir.resolve("runs").toString());
    assertEquals(0, eval.exitCode(), eval.err());
    Map<String, Object> scored = new org.yaml.snakeyaml.Yaml().load(eval.out());
    assertEquals(best, ((Number) scored.get("val_loss")).doubleValue(), 1e-12);
    Path other = Files.writeString(dir.resolve("other.txt"), text.substring(0, 3000));
    Runs.Result onOther = Runs.execute("eval", run.toString(), "task.validation_file=" + other, "--runs-dir",
        dir.resolve("runs").toString());
    assertEquals(0, onOther.exitCode(), onOther.err());
    assertNotEquals(scored.get("val_loss"), ((Map<?, ?>) new org.yaml.snakeyaml.Yaml().load(onOther.out())).get("val_loss"));
    Path foreign = Files.writeString(dir.resolve("foreign.txt"), "naïve");
    Runs.Result bad = Runs.execute("eval", run.toString(), "task.validation_file=" + foreign, "--runs-dir",
        dir.resolve("runs").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("'ï' (U+00EF) at character 2 is not in the vocabulary"), bad.err());
  }

  @Test
  void samplingIsDeterministicForASeedAndRefusesForeignCharacters() throws Exception {
    Path run = train("steps: 60, batch_size: 8, log_every: 20, eval_every: 20", "runs");
    String runs = dir.resolve("runs").toString();
    Runs.Result a = Runs.execute("sample", run.toString(), "--prime", "ROMEO:", "--length", "200", "--seed", "4",
        "--runs-dir", runs);
    Runs.Result b = Runs.execute("sample", run.toString(), "--prime", "ROMEO:", "--length", "200", "--seed", "4",
        "--runs-dir", runs);
    Runs.Result c = Runs.execute("sample", run.toString(), "--prime", "ROMEO:", "--length", "200", "--seed", "5",
        "--runs-dir", runs);
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(a.out(), b.out());
    assertNotEquals(a.out(), c.out());
    assertTrue(a.out().startsWith("ROMEO:"));
    assertEquals(6 + 200 + 1, a.out().length(), "the prime, 200 characters and a final newline: " + a.out());
    assertTrue(a.err().contains("sampled from best.bin"), a.err());

    Runs.Result greedy = Runs.execute("sample", run.toString(), "--temperature", "0", "--length", "50", "--last",
        "--out", "--runs-dir", runs);
    assertEquals(0, greedy.exitCode(), greedy.err());
    assertTrue(greedy.err().contains("sampled from checkpoint.bin"), greedy.err());
    try (var files = Files.list(run)) {
      Path saved = files.filter(p -> p.getFileName().toString().startsWith("sample-")).findFirst().orElseThrow();
      assertEquals(greedy.out().substring(0, greedy.out().length() - 1), Files.readString(saved));
    }

    Runs.Result foreign = Runs.execute("sample", run.toString(), "--prime", "ROMEO€", "--runs-dir", runs);
    assertEquals(2, foreign.exitCode());
    assertEquals("", foreign.out(), "nothing generated");
    assertTrue(foreign.err().startsWith("rnnlab: --prime: '€' (U+20AC) at character 5 is not in the vocabulary"),
        foreign.err());
    Runs.Result hot = Runs.execute("sample", run.toString(), "--temperature", "-1", "--runs-dir", runs);
    assertEquals(2, hot.exitCode());
    Path memory = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(memory.toString(), "sinks=[]", "--runs-dir", dir.resolve("other").toString())
        .exitCode());
    Runs.Result notText = Runs.execute("sample", Runs.runDirectories(dir.resolve("other")).get(0).toString(),
        "--runs-dir", dir.resolve("other").toString());
    assertEquals(2, notText.exitCode());
    assertTrue(notText.err().contains("only runs of a text task can be sampled"), notText.err());
  }

  /**
   * Threads change the time, never a number: a run on two threads logs what it logs on one (B = 32:
   * two slices side by side, each with its own dropout masks).
   */
  @Test
  void twoThreadsGiveTheNumbersOfOne() throws Exception {
    Path config = config("steps: 30, batch_size: 32, log_every: 10, eval_every: 30");
    List<List<String>> seen = new java.util.ArrayList<>();
    for (String threads : List.of("1", "2")) {
      Path runs = dir.resolve("threads-" + threads);
      Runs.Result r = Runs.execute(config.toString(), "threads=" + threads,
          "network.layers=[{cell: lstm, hidden: 96}, {cell: gru, hidden: 80}]", "network.dropout=0.2",
          "--runs-dir", runs.toString());
      assertEquals(0, r.exitCode(), r.err());
      List<CSVRecord> rows = Runs.csv(Runs.runDirectories(runs).get(0).resolve("metrics.csv"));
      seen.add(rows.stream().map(row -> row.get("loss") + " " + row.get("grad_norm") + " " + row.get("val_loss")).toList());
    }
    assertEquals(seen.get(0), seen.get(1));
  }

  /**
   * Bad data is one line and exit code 2 before any run directory: no file, not UTF-8 (the byte
   * offset named), too short for B streams of a chunk, a split that leaves no validation.
   */
  @Test
  void badDataIsOneLineBeforeAnyRunDirectory() throws Exception {
    Path config = config("steps: 10, batch_size: 8");
    Path data = dir.resolve("project/data");
    Files.write(data.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(data.resolve("tiny.txt"), "to be or not to be, that is the question\n");
    Map<String, String> expected = Map.of(
        "task.file=" + data.resolve("missing.txt"), "task.file: " + data.resolve("missing.txt") + ": no such file",
        "task.file=" + data.resolve("latin1.txt"), "is not UTF-8 text: invalid byte at offset 3",
        "task.file=" + data.resolve("tiny.txt"), "the training data is too short to be read as 8 streams",
        "task.validation=0.0001", "the validation data is too short to be read as 8 streams");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Runs.Result r = Runs.execute(config.toString(), e.getKey(), "--runs-dir", dir.resolve("runs").toString());
      assertEquals(2, r.exitCode(), e.getKey());
      assertTrue(r.err().startsWith("rnnlab: ") && r.err().contains(e.getValue()) && r.err().strip().lines().count() == 1,
          e.getKey() + " → " + r.err());
    }
    assertFalse(Files.exists(dir.resolve("runs")), "no run directory");
  }

  /**
   * A stream run stopped with SIGINT and resumed ends with the numbers of one never stopped: the
   * carried state, the dropout masks' stream and the best validation are in the checkpoint. B = 24:
   * two slices, whose states the checkpoint keeps as one H×B matrix per state.
   */
  @Test
  void aStoppedTextRunResumesToTheUninterruptedNumbers() throws Exception {
    String experiment = "steps: 1500, batch_size: 24, log_every: 10, eval_every: 200, checkpoint_every: 10";
    Path reference = train(experiment, "reference");
    Process process = Runs.startLauncher(dir, config(experiment).toString(), "--runs-dir", dir.resolve("runs").toString());
    Path metrics = Runs.awaitMetrics(process, dir.resolve("runs"), 25, dir);
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES));
    Path run = metrics.getParent();
    assertEquals("interrupted", Runs.yaml(run.resolve("summary.yaml")).get("status"));
    Path data = dir.resolve("project/data/text.txt");
    Files.writeString(data, corpus() + "!");
    Runs.Result changed = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(2, changed.exitCode());
    assertTrue(changed.err().contains("has changed since the run started"), changed.err());
    Files.writeString(data, corpus());
    LauncherEndToEndTest.Process resumed = LauncherEndToEndTest.launch(dir, "resume", run.toString(), "--runs-dir",
        dir.resolve("runs").toString());
    assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
    List<CSVRecord> expected = Runs.csv(reference.resolve("metrics.csv")), actual = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(expected.size(), actual.size());
    for (String column : List.of("step", "characters", "loss", "accuracy", "grad_norm", "val_loss", "val_accuracy")) {
      assertEquals(Runs.column(expected, column), Runs.column(actual, column), column);
    }
    for (String part : List.of("final", "best")) {
      assertEquals(Runs.yaml(reference.resolve("summary.yaml")).get(part), Runs.yaml(run.resolve("summary.yaml")).get(part),
          part);
    }
    assertEquals(Files.readString(reference.resolve("best.bin").resolveSibling("vocabulary.json")),
        Files.readString(run.resolve("vocabulary.json")));
    Runs.Result a = Runs.execute("sample", reference.toString(), "--runs-dir", dir.resolve("reference").toString());
    Runs.Result b = Runs.execute("sample", run.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(a.out(), b.out(), "the same best parameters");
}
}
