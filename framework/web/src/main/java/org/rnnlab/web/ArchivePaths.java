package org.rnnlab.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.rnnlab.archive.RunRecord;

/**
 * The only way from a URL to the file system: a run is named by its directory's name (a sweep's
 * point by the sweep's and its own, {@code sweep/point}), each name from the characters rnnlab gives
 * run directories, and found only as a real directory (never through a symbolic link) of the
 * archive that is a run or a sweep. Anything else — {@code ..}, encoded dots or slashes, absolute
 * paths, NUL bytes, links out of the archive, deeper paths — names nothing.
 */
final class ArchivePaths {
  /** A directory name a URL may hold: what rnnlab names runs, sweeps and sweep points. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._=-]{0,254}");

  /** A file of a run that may be served: text the run wrote, its charts and tables. */
  static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._=-]{0,200}\\.(yaml|csv|txt|log|png|json)");

  private final Path archive;

  ArchivePaths(Path archive) {
    this.archive = archive;
  }

  /** The archive as given (it may not exist yet). */
  Path archive() {
    return archive;
  }

  /**
   * The segments of a URL's raw path, each percent-decoded on its own (so an encoded '/' stays
   * inside its segment), or null when a segment is not valid percent-encoded UTF-8.
   */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (path.isEmpty()) {
      return segments;
    }
    for (String raw : path.split("/", -1)) {
      String decoded = decode(raw);
      if (decoded == null) {
        return null;
      }
      segments.add(decoded);
    }
    return segments;
  }

  /** Strict percent-decoding as UTF-8 ('+' stays '+'); null for a malformed escape or invalid UTF-8. */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16), lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The run or sweep directory that {@code names} (one or two directory names) stands for, or null
   * when it stands for nothing the dashboard shows.
   */
  Path directory(List<String> names) {
    if (names.isEmpty() || names.size() > 2 || !names.stream().allMatch(n -> NAME.matcher(n).matches())) {
      return null;
    }
    Path root = root();
    if (root == null) {
      return null;
    }
    Path first = root.resolve(names.get(0));
    if (!Files.isDirectory(first, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Path directory = first;
    if (names.size() == 2) {
      if (!RunRecord.isSweep(first)) {
        return null; // only a sweep has runs inside it
      }
      directory = first.resolve(names.get(1));
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
    }
    try {
      // No link was followed above; this also holds if the archive is swapped under us.
      if (!directory.toRealPath().startsWith(root)) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    return RunRecord.isRun(directory) ? directory : null;
  }

  /** The directory named by an id as URLs write it ({@code run} or {@code sweep/point}), or null. */
  Path directory(String id) {
    return id == null ? null : directory(List.of(id.split("/", -1)));
  }

  /** A run file that may be served: a regular file (not a link) of {@code directory} with a {@link #FILE} name. */
  static Path file(Path directory, String name) {
    if (!FILE.matcher(name).matches()) {
      return null;
    }
    Path file = directory.resolve(name);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
  }

  /**
   * The id of a directory found under {@link #root} (a run or sweep, or a sweep's point) as URLs
   * write it, or null when its names cannot be written in a URL (a directory not made by rnnlab):
   * such a run is listed, not linked.
   */
  static String id(Path root, Path directory) {
    Path relative;
    try {
      relative = root.relativize(directory);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (relative.getNameCount() < 1 || relative.getNameCount() > 2) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Path name : relative) {
      if (!NAME.matcher(name.toString()).matches()) {
        return null;
      }
      names.add(name.toString());
    }
    return String.join("/", names);
  }

  /** The archive's real path, or null while it does not exist. */
  Path root() {
    try {
      return archive.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }
}
