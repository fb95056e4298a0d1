package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * list and compare over a fixture archive made of real runs, some of them then damaged by hand: a
 * completed pair that differs in one setting, a diverged, a failed, an interrupted, a killed
 * ("running" with a dead process), one without summary.yaml and one with a torn metrics line.
 */
class ArchiveCommandsTest {
  @TempDir static Path dir;
  static Path runs;

  @BeforeAll
  static void makeArchive() throws IOException {
    runs = dir.resolve("runs");
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    run(config, "name=alpha");
    run(config, "name=beta", "optimizer.learning_rate=0.003");
    run(config, "name=diverged", "optimizer={type: sgd, learning_rate: 1000}", "clipper=none",
        "network.cell.activation=relu", "network.hidden=30", "experiment.steps=2000");
    run(config, "name=failed", "experiment={type: gradcheck, cells: [broken-test]}");
    Path interrupted = run(config, "name=interrupted");
    edit(interrupted.resolve("summary.yaml"), "status: completed", "status: interrupted");
    Path killed = run(config, "name=killed");
    edit(killed.resolve("summary.yaml"), "status: completed", "status: running");
    edit(killed.resolve("summary.yaml"), "pid: ", "pid: 4194303\nold_pid: ");
    Files.createFile(killed.resolve("lock")); // what a SIGKILLed run leaves: its lock file, held by nobody
    Path noSummary = run(config, "name=nosummary");
    Files.delete(noSummary.resolve("summary.yaml"));
    Path torn = run(config, "name=torn");
    Files.writeString(torn.resolve("metrics.csv"), "50,200,0.1,27.", StandardOpenOption.APPEND);
  }

  private static Path run(Path config, String... overrides) throws IOException {
    String[] args = Stream.concat(Stream.concat(Stream.of(config.toString()), Arrays.stream(overrides)),
        Stream.of("--runs-dir", runs.toString())).toArray(String[]::new);
    Runs.execute(args);
    return Runs.runDirectories(runs).stream().filter(p -> p.getFileName().toString().endsWith("_"
        + overrides[0].substring("name=".length()))).findFirst().orElseThrow();
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " has " + from);
    Files.writeString(file, text.replace(from, to));
  }

  private static final List<String> STATUSES = List.of("completed", "failed", "diverged", "interrupted", "running",
      "incomplete", "damaged");

  private static String statusOf(String listing, String name) {
    String line = listing.lines().filter(l -> l.contains("_" + name + " ")).findFirst().orElseThrow();
    return Arrays.stream(line.split("\\s+")).filter(STATUSES::contains).findFirst().orElse("?");
  }

  @Test
  void listShowsEveryRunWithAClearStatusNewestFirst() {
    Runs.Result result = Runs.execute("list", "--runs-dir", runs.toString());
    assertEquals(0, result.exitCode(), result.err());
    String out = result.out();
    assertEquals("completed", statusOf(out, "alpha"));
    assertEquals("diverged", statusOf(out, "diverged"));
    assertEquals("failed", statusOf(out, "failed"));
    assertEquals("interrupted", statusOf(out, "interrupted"));
    assertEquals("incomplete", statusOf(out, "killed"));
    assertEquals("damaged", statusOf(out, "nosummary"));
    assertEquals("completed", statusOf(out, "torn"));
    assertTrue(out.contains("! " ) && out.contains("_killed: it says running, but no process holds its lock"), out);
    assertTrue(out.contains("_nosummary: summary.yaml is missing"), out);
    assertTrue(out.contains("_torn: metrics.csv: 1 damaged line(s) left out"), out);
    List<String> order = out.lines().skip(1).filter(l -> !l.startsWith("  !")).map(l -> l.split("\\s+")[0]).toList();
    assertEquals(order.stream().sorted(java.util.Comparator.reverseOrder()).toList(), order, "newest first");
  }

  @Test
  void listFiltersByStatusAndName() {
    String completed = Runs.execute("list", "--runs-dir", runs.toString(), "--status", "completed").out();
    assertTrue(completed.contains("_alpha") && !completed.contains("_diverged"), completed);
    String named = Runs.execute("list", "--runs-dir", runs.toString(), "--name", "be*").out();
    assertEquals(2, named.lines().count(), named);
    String json = Runs.execute("list", "--runs-dir", runs.toString(), "--format", "json", "--name", "killed").out();
    assertTrue(json.contains("\"status\": \"incomplete\"") && json.contains("\"problems\": \"it says running"), json);
  }

  @Test
  void compareShowsOnlyTheKeysThatDiffer() throws IOException {
    Path alpha = find("alpha"), beta = find("beta");
    Runs.Result result = Runs.execute("compare", alpha.toString(), beta.toString(), "--runs-dir", runs.toString(),
        "--format", "csv", "--no-charts");
    assertEquals(0, result.exitCode(), result.err());
    List<String> header = Arrays.asList(result.out().lines().findFirst().orElseThrow().split(","));
    assertEquals(List.of("run", "label", "name", "optimizer.learning_rate"), header.subList(0, 4));
    assertEquals("test_accuracy_last", header.get(10));
    assertTrue(result.out().contains("_alpha,alpha,alpha,0.01,"), "runs of other names are labelled by name: "
        + result.out());
  }

  @Test
  void statBestPicksTheRightStep() throws IOException {
    Path a = Files.createDirectories(dir.resolve("crafted/a")), b = Files.createDirectories(dir.resolve("crafted/b"));
    Files.writeString(a.resolve("config.yaml"), "name: a\nseed: 1\n");
    Files.writeString(b.resolve("config.yaml"), "name: b\nseed: 2\n");
    Files.writeString(a.resolve("metrics.csv"), "step,loss,test_accuracy\n10,3.0,0.5\n20,1.0,0.9\n30,2.0,0.7\n");
    Files.writeString(b.resolve("metrics.csv"), "step,loss,test_accuracy\n10,0.5,\n20,0.75,0.25\n30,0.25,0.2\n");
    String crafted = dir.resolve("crafted").toString();
    Runs.Result best = Runs.execute("compare", a.toString(), b.toString(), "--stat", "best", "--format", "json",
        "--metrics", "loss,test_accuracy", "--no-charts", "--runs-dir", crafted);
    assertEquals(0, best.exitCode(), best.err());
    String json = best.out();
    assertTrue(json.contains("\"loss_best\": 1, \"loss_best_step\": 20, \"test_accuracy_best\": 0.9,"
        + " \"test_accuracy_best_step\": 20"), json);
    assertTrue(json.contains("\"loss_best\": 0.25, \"loss_best_step\": 30, \"test_accuracy_best\": 0.25,"
        + " \"test_accuracy_best_step\": 20"), json);
    String last = Runs.execute("compare", a.toString(), b.toString(), "--stat", "last", "--format", "json",
        "--metrics", "test_accuracy", "--no-charts", "--runs-dir", crafted).out();
    assertTrue(last.contains("\"test_accuracy_last\": 0.7, \"test_accuracy_last_step\": 30"), last);
  }

  @Test
  void compareWritesOverlayChartsNamedByWhatDiffers() throws IOException {
    Runs.Result result = Runs.execute("compare", find("alpha").toString(), find("beta").toString(),
        "--runs-dir", runs.toString());
    assertEquals(0, result.exitCode(), result.err());
    Path compare;
    try (Stream<Path> s = Files.list(runs)) {
      compare = s.filter(p -> p.getFileName().toString().endsWith("_compare")).findFirst().orElseThrow();
    }
    for (String file : List.of("test_accuracy.png", "test_accuracy.svg", "loss.png", "comparison.md", "comparison.csv")) {
      assertTrue(Files.size(compare.resolve(file)) > 0, file);
    }
    assertTrue(Files.readString(compare.resolve("test_accuracy.svg")).contains("<svg"));
    String table = Files.readString(compare.resolve("comparison.md"));
    assertTrue(table.contains("| alpha |") && table.contains("| beta |")
        && table.contains("| optimizer.learning_rate | 0.01 | 0.003 |"), "runs labelled by name, keys that differ: "
        + table);
    assertFalse(Runs.execute("list", "--runs-dir", runs.toString()).out().contains("_compare"),
        "comparisons are not runs");
  }

  @Test
  void compareRefusesWhatIsNotARunOrLiesOutsideTheArchive() throws IOException {
    Path junk = Files.createDirectories(runs.resolve("junk"));
    Runs.Result result = Runs.execute("compare", junk.toString(), find("alpha").toString(), "--no-charts",
        "--runs-dir", runs.toString());
    assertEquals(2, result.exitCode());
    assertTrue(result.err().startsWith("rnnlab: ") && result.err().contains("not a run directory"), result.err());
    Files.delete(junk);
    Runs.Result outside = Runs.execute("compare", dir.toString(), find("alpha").toString(), "--no-charts",
        "--runs-dir", runs.toString());
    assertEquals(2, outside.exitCode());
    assertTrue(outside.err().contains("not inside the runs directory"), outside.err());
    Runs.Result glob = Runs.execute("compare", runs + "/*_nothing*", "--no-charts", "--runs-dir", runs.toString());
    assertEquals(2, glob.exitCode());
  }

  private static Path find(String name) {
    try {
      return Runs.runDirectories(runs).stream().filter(p -> p.getFileName().toString().endsWith("_" + name))
          .findFirst().orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
