package org.rnnlab.plugins.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StreamTask;
import org.rnnlab.testkit.StreamTaskContract;

class TextTaskTest {
  @TempDir static Path dir;

  /** A text with a character outside the BMP, so that code points, not chars, are the symbols. */
  static final String TEXT = "To be, or not to be, that is the question: 𝄞\nWhether 'tis nobler in the mind to suffer\n";

  static Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TextTask task(String text, int chunk, double validation) {
    return new TextTask(new TextTask.Settings(write("t.txt", text).toString(), chunk, validation, ""));
  }

  @Nested
  class Contract extends StreamTaskContract {
    @Override
    protected StreamTask task() {
      return TextTaskTest.task(TEXT.repeat(3), 5, 0.2);
    }
  }

  @Test
  void theVocabularyIsTheFilesCodePointsSorted() {
    TextTask task = task(TEXT, 4, 0.1);
    List<String> expected = TEXT.codePoints().distinct().sorted().mapToObj(Character::toString).toList();
    assertEquals(expected, task.vocabulary().symbols());
    assertTrue(task.vocabulary().symbols().contains("𝄞"));
    assertTrue(task.files().get("vocabulary.json").startsWith("[\"\\n\", \" \", "), task.files().toString());
    assertEquals(4 * Math.log(expected.size()), task.baselineLoss(), 1e-12);
  }

  @Test
  void theSplitIsContiguousTrainingFirst() {
    String text = "abcdefghij".repeat(10); // 100 characters: 90 for training, the last 10 for validation
    TextTask task = task(text, 4, 0.1);
    Map<String, Object> provenance = task.provenance();
    assertEquals(90, provenance.get("training_characters"));
    assertEquals(10, provenance.get("validation_characters"));
    // One stream: validation is "abcdefghij", so the targets are b … j.
    SequenceBatch batch = new SequenceBatch(task.shape(), 1);
    StringBuilder targets = new StringBuilder();
    for (int i = 0; i < task.validationChunks(1); i++) {
      task.validationChunk(batch, i);
      for (int t = 0; t < 4; t++) {
        if (batch.isScored(t, 0)) {
          targets.append(task.vocabulary().decode(batch.target(t, 0)));
        }
      }
    }
    assertEquals("bcdefghij", targets.toString());
    // Two training streams of 45 characters: the second starts at character 45.
    task.trainingChunk(new SequenceBatch(task.shape(), 2), 0);
    SequenceBatch two = new SequenceBatch(task.shape(), 2);
    task.trainingChunk(two, 0);
    assertEquals(String.valueOf(text.charAt(45)), task.vocabulary().decode(two.symbol(0, 1)));
    assertEquals(11, task.chunksPerPass(2), "(45 − 1) / 4 chunks of 4 with their next characters");
  }

  @Test
  void anotherFileValidates() {
    Path other = write("other.txt", "not to be");
    TextTask task = new TextTask(new TextTask.Settings(write("t.txt", TEXT).toString(), 4, 0.1, other.toString()));
    assertEquals(TEXT.codePointCount(0, TEXT.length()), task.provenance().get("training_characters"));
    assertEquals(9, task.provenance().get("validation_characters"));
    assertTrue(task.provenance().containsKey("validation_file"));
  }

  @Test
  void badDataNamesTheProblem() throws IOException {
    List<String> messages = new ArrayList<>();
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, "naïve".getBytes(StandardCharsets.ISO_8859_1));
    Path directory = Files.createDirectories(dir.resolve("sub"));
    for (String file : List.of(dir.resolve("missing.txt").toString(), latin1.toString(), directory.toString(),
        write("one.txt", "aaaa").toString(), write("short.txt", "abcdef").toString())) {
      messages.add(assertThrows(InvalidSetting.class, () -> new TextTask(new TextTask.Settings(file, 8, 0.5, "")))
          .getMessage());
    }
    assertEquals(List.of(
        dir.resolve("missing.txt") + ": no such file",
        latin1 + " is not UTF-8 text: invalid byte at offset 2",
        directory + ": not a regular file",
        dir.resolve("one.txt") + " holds 1 distinct character(s); a language model needs at least 2",
        "the split leaves 3 characters for training and 3 for validation; training needs more than a chunk (8) and"
            + " validation at least 2"), messages);
    Path foreign = write("foreign.txt", "to be 𝄢");
    InvalidSetting e = assertThrows(InvalidSetting.class, () -> new TextTask(new TextTask.Settings(
        write("t.txt", TEXT).toString(), 4, 0.1, foreign.toString())));
    assertEquals("task.validation_file", e.key());
    assertTrue(e.getMessage().contains("'𝄢' (U+1D122) at character 6 is not in the vocabulary"), e.getMessage());
  }
}
