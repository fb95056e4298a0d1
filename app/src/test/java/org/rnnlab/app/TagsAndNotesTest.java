package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags and notes: from the config into the run, changed by ./run tag and ./run note, and found
 * again by list and compare; they never make runs differ.
 */
class TagsAndNotesTest {
  @TempDir static Path dir;
  static Path runs;
  static Path tagged;
  static Path plain;

  @BeforeAll
  static void twoRuns() throws IOException {
    runs = dir.resolve("runs");
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL + "tags: [baseline, adam]\nnotes: first try\n");
    assertEquals(0, Runs.execute(config.toString(), "name=tagged", "--runs-dir", runs.toString()).exitCode());
    assertEquals(0, Runs.execute(config.toString(), "name=plain", "tags=[]", "notes=", "--runs-dir", runs.toString())
        .exitCode());
    tagged = Runs.runDirectories(runs).stream().filter(p -> p.toString().endsWith("_tagged")).findFirst().orElseThrow();
    plain = Runs.runDirectories(runs).stream().filter(p -> p.toString().endsWith("_plain")).findFirst().orElseThrow();
  }

  @Test
  void theConfigsTagsAreTheRunsUntilTagChangesThem() throws IOException {
    assertEquals(List.of("baseline", "adam"), Runs.yaml(tagged.resolve("config.yaml")).get("tags"));
    Runs.Result list = Runs.execute("list", "--tag", "baseline", "--runs-dir", runs.toString());
    assertTrue(list.out().contains("_tagged") && !list.out().contains("_plain"), list.out());
    assertTrue(list.out().contains("baseline adam"), "the tags column: " + list.out());

    Runs.Result tag = Runs.execute("tag", tagged.toString(), "-baseline", "+keeper", "keeper", "--runs-dir",
        runs.toString());
    assertEquals(0, tag.exitCode(), tag.err());
    assertEquals("tags: adam keeper\n", tag.out());
    assertEquals(List.of("baseline", "adam"), Runs.yaml(tagged.resolve("config.yaml")).get("tags"),
        "config.yaml stays as the run started");
    assertTrue(Runs.execute("list", "--tag", "baseline", "--runs-dir", runs.toString()).out().contains("no runs match"));
    assertTrue(Runs.execute("list", "--tag", "keeper,adam", "--runs-dir", runs.toString()).out().contains("_tagged"));
    assertEquals("tags: adam keeper\n", Runs.execute("tag", tagged.toString(), "--runs-dir", runs.toString()).out());

    Runs.Result note = Runs.execute("note", tagged.toString(), "lr 0.01 is enough\nsee the sweep", "--runs-dir",
        runs.toString());
    assertEquals(0, note.exitCode(), note.err());
    assertEquals("notes: lr 0.01 is enough\\nsee the sweep\n", note.out(), "one inert line");
    assertEquals(List.of("adam", "keeper"), Runs.yaml(tagged.resolve("annotations.yaml")).get("tags"));
    assertEquals("lr 0.01 is enough\nsee the sweep", Runs.yaml(tagged.resolve("annotations.yaml")).get("notes"));
    assertEquals(0, Runs.execute("tag", tagged.toString(), "-adam", "-keeper", "--runs-dir", runs.toString())
        .exitCode());
    assertEquals("no tags\n", Runs.execute("tag", tagged.toString(), "--runs-dir", runs.toString()).out());
  }

  @Test
  void compareShowsTagsAndNotesApartFromTheKeysThatDiffer() {
    // (the other test changes the tagged run's tags; plain's notes are set here)
    assertEquals(0, Runs.execute("note", plain.toString(), "no tags at all", "--runs-dir", runs.toString()).exitCode());
    Runs.Result compare = Runs.execute("compare", tagged.toString(), plain.toString(), "--no-charts", "--runs-dir",
        runs.toString());
    assertEquals(0, compare.exitCode(), compare.err());
    String keys = compare.out().substring(0, compare.out().indexOf("metrics:"));
    assertFalse(keys.contains("tags") || keys.contains("notes"), "tags and notes are no difference: " + keys);
    assertTrue(compare.out().contains("tags and notes"), compare.out());
    assertEquals(0, Runs.execute("tag", plain.toString(), "+solo", "--runs-dir", runs.toString()).exitCode());
    Runs.Result only = Runs.execute("compare", tagged.toString(), plain.toString(), "--tag", "solo", "--no-charts",
        "--runs-dir", runs.toString());
    assertEquals(2, only.exitCode(), "one run has the tag: " + only.out());
    assertTrue(only.err().contains("compare needs at least two runs, got 1 with the tags solo"), only.err());
    assertEquals(0, Runs.execute("tag", plain.toString(), "-solo", "--runs-dir", runs.toString()).exitCode());
  }

  @Test
  void tagsAndNotesInAConfigAreCheckedLikeEverySetting() {
    Runs.Result bad = Runs.execute(dir.resolve("small.yaml").toString(), "tags=[ok, 'no spaces']", "--runs-dir",
        dir.resolve("other").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("tags: a tag is 1..40 letters"), bad.err());
    assertFalse(Files.exists(dir.resolve("other")), "nothing written");
  }
}
