package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.YamlWriter;

/**
 * A run's tags and notes, so that people find runs again. They start as the config's {@code tags:}
 * and {@code notes:} (copied into the run with the resolved {@code config.yaml}); once {@code ./run
 * tag}, {@code ./run note} or the dashboard changes them, the run's {@code annotations.yaml} holds
 * both, rewritten whole and atomically each time. They never change a run's numbers: {@code
 * config.yaml} stays as the run started, and resume and compare leave them out of the config.
 *
 * @param tags distinct tags in the order they were added, each {@link #TAG_PATTERN}
 * @param notes free text, possibly empty
 */
public record Annotations(List<String> tags, String notes) {
  /** A tag: a letter or digit, then letters, digits, '.', '_' or '-' (no leading '+' or '-': see ./run tag). */
  public static final String TAG_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
  public static final int MAX_TAG_LENGTH = 40;
  public static final int MAX_TAGS = 32;
  public static final int MAX_NOTES_LENGTH = 4000;

  /** No tags, no notes. */
  public static final Annotations NONE = new Annotations(List.of(), "");

  /** @throws IllegalArgumentException saying which tag or what of the notes is not allowed */
  public Annotations {
    tags = List.copyOf(tags);
    notes = notes == null ? "" : notes;
    for (String tag : tags) {
      String problem = tagProblem(tag);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    if (tags.stream().distinct().count() != tags.size()) {
      throw new IllegalArgumentException("a tag is listed twice: " + tags);
    }
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("at most " + MAX_TAGS + " tags, got " + tags.size());
    }
    String problem = notesProblem(notes);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** What is wrong with {@code tag}, or null when it is a valid tag. */
  public static String tagProblem(String tag) {
    if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG_LENGTH || !tag.matches(TAG_PATTERN)) {
      return "a tag is 1.." + MAX_TAG_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit;"
          + " got '" + org.rnnlab.config.Text.abbreviated(String.valueOf(tag), 60, 50, 0) + "'";
    }
    return null;
  }

  /**
   * What is wrong with {@code notes}, or null: at most {@link #MAX_NOTES_LENGTH} characters, and
   * no control characters but line breaks and tabs (notes are shown on terminals and pages).
   */
  public static String notesProblem(String notes) {
    if (notes.length() > MAX_NOTES_LENGTH) {
      return "notes are at most " + MAX_NOTES_LENGTH + " characters, got " + notes.length();
    }
    for (int i = 0; i < notes.length(); i++) {
      char c = notes.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
        return String.format("notes hold a control character (\\u%04x) at %d; only line breaks and tabs are allowed",
            (int) c, i);
      }
    }
    return null;
  }

  /**
   * These annotations with the tags of {@code remove} taken away and those of {@code add} appended
   * (a tag already there stays where it is).
   */
  public Annotations withTags(List<String> add, List<String> remove) {
    List<String> result = new ArrayList<>(tags);
    result.removeAll(remove);
    for (String tag : add) {
      if (!result.contains(tag)) {
        result.add(tag);
      }
    }
    return new Annotations(result, notes);
  }

  public Annotations withNotes(String newNotes) {
    return new Annotations(tags, newNotes);
  }

  /**
   * The run's annotations: its {@code annotations.yaml} when it has one, else its config's {@code
   * tags} and {@code notes}, else none.
   *
   * @throws IOException naming the file when it is unreadable or holds what is not allowed
   */
  public static Annotations read(Path runDirectory) throws IOException {
    Path own = runDirectory.resolve(RunFiles.ANNOTATIONS);
    if (Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
      return from(YamlFiles.read(own), RunFiles.ANNOTATIONS);
    }
    Path config = runDirectory.resolve(RunFiles.CONFIG);
    if (Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
      if (plainlyNone(BoundedFiles.readString(config, YamlFiles.MAX_BYTES))) {
        return NONE;
      }
      return from(YamlFiles.read(config), RunFiles.CONFIG);
    }
    return NONE;
  }

  /**
   * Whether a config's text certainly gives no tags and no notes without parsing it: the words
   * occur nowhere (a run of an rnnlab before tags), or only in the lines rnnlab writes for the
   * defaults. Parsing a resolved config takes about half of what {@code ./run list} spends on a run.
   */
  static boolean plainlyNone(String config) {
    return only(config, "tags", "tags: []") && only(config, "notes", "notes: ''");
  }

  /** True when {@code word} does not occur in {@code text}, or occurs once, in a line that is exactly {@code line}. */
  private static boolean only(String text, String word, String line) {
    int at = text.indexOf(word);
    if (at < 0) {
      return true;
    }
    return text.indexOf(word, at + 1) < 0 && (at == 0 || text.charAt(at - 1) == '\n')
        && text.startsWith(line, at) && (at + line.length() == text.length() || text.charAt(at + line.length()) == '\n');
  }

  private static Annotations from(Map<String, Object> map, String file) throws IOException {
    Object tags = map.get("tags"), notes = map.get("notes");
    List<String> tagList = new ArrayList<>();
    if (tags instanceof List<?> list) {
      for (Object tag : list) {
        tagList.add(String.valueOf(tag));
      }
    } else if (tags != null) {
      throw new IOException(file + ": tags is not a list");
    }
    if (notes != null && !(notes instanceof String)) {
      notes = String.valueOf(notes); // a note that YAML read as a number or a date is still its text
    }
    try {
      return new Annotations(tagList, (String) notes);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  /** Writes {@code annotations.yaml} into the run directory, atomically (through a fresh temporary file). */
  public void write(Path runDirectory) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("tags", tags);
    map.put("notes", notes);
    AtomicFiles.writeString(runDirectory.resolve(RunFiles.ANNOTATIONS), YamlWriter.write(map));
  }
}
