package org.rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's tags and notes: from its config until changed, then from annotations.yaml; what is refused. */
class AnnotationsTest {
  @TempDir Path run;

  @Test
  void theConfigsTagsAndNotesUntilTheyChange() throws IOException {
    assertEquals(Annotations.NONE, Annotations.read(run), "neither file: none");
    Files.writeString(run.resolve("config.yaml"), "name: x\ntags: [baseline, lr-sweep]\nnotes: first try\n");
    assertEquals(new Annotations(List.of("baseline", "lr-sweep"), "first try"), Annotations.read(run));
    Annotations changed = Annotations.read(run).withTags(List.of("keeper", "baseline"), List.of("lr-sweep"))
        .withNotes("<b>kept</b>\nsecond line");
    changed.write(run);
    assertEquals(new Annotations(List.of("baseline", "keeper"), "<b>kept</b>\nsecond line"), Annotations.read(run));
    assertTrue(Files.readString(run.resolve("config.yaml")).contains("lr-sweep"), "the config is never changed");
    try (var files = Files.list(run)) {
      assertEquals(List.of("annotations.yaml", "config.yaml"), files.map(p -> p.getFileName().toString()).sorted()
          .toList(), "no temporary file left");
    }
  }

  @Test
  void tagsAndNotesThatAreRefused() {
    for (String tag : List.of("", "-old", "+new", ".hidden", "a b", "a/b", "<script>", "x".repeat(41), "é")) {
      assertNotNull(Annotations.tagProblem(tag), tag);
    }
    assertNull(Annotations.tagProblem("lr_0.01-adam"));
    assertNotNull(Annotations.notesProblem("a\u001b[31mred"), "an escape sequence would reach terminals");
    assertNotNull(Annotations.notesProblem("x".repeat(Annotations.MAX_NOTES_LENGTH + 1)));
    assertNull(Annotations.notesProblem("line\n\tindented <b>markup is text</b>"));
    assertThrows(IllegalArgumentException.class, () -> new Annotations(List.of("a", "a"), ""));
    assertThrows(IllegalArgumentException.class, () -> Annotations.NONE.withTags(
        java.util.stream.IntStream.range(0, Annotations.MAX_TAGS + 1).mapToObj(i -> "t" + i).toList(), List.of()));
  }

  @Test
  void onlyTheDefaultLinesAreReadWithoutParsing() {
    assertTrue(Annotations.plainlyNone("name: x\nseed: 1\n"), "a run of an rnnlab before tags");
    assertTrue(Annotations.plainlyNone("name: x\ntags: []\nnotes: ''\n"));
    assertFalse(Annotations.plainlyNone("name: x\ntags: []\nnotes: hello\n"));
    assertFalse(Annotations.plainlyNone("{name: x, tags: [a]}"));
    assertFalse(Annotations.plainlyNone("tags: []\nnotes: ''\ntask: {tags: 3}\n"), "the word twice");
    assertFalse(Annotations.plainlyNone("name: x\ntags:\n- a\nnotes: ''\n"));
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws IOException {
    Files.writeString(run.resolve("annotations.yaml"), "tags: [ok, 'not ok']\nnotes: ''\n");
    IOException e = assertThrows(IOException.class, () -> Annotations.read(run));
    assertTrue(e.getMessage().startsWith("annotations.yaml: a tag is"), e.getMessage());
    Files.writeString(run.resolve("annotations.yaml"), "tags: baseline\n");
    assertTrue(assertThrows(IOException.class, () -> Annotations.read(run)).getMessage().contains("not a list"));
  }
}
