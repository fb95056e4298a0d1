package org.rnnlab.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.store.RunFiles;

/**
 * The archive's runs and sweeps as {@code ./run list} reads them ({@link RunRecord#read}), kept
 * between requests: a run is read again only when one of the files its record comes from changed
 * (size, time or identity), or while it says it runs (its lock decides, every time). A page of
 * 1,000 finished runs then costs a look at their files' attributes, not a parse of every
 * metrics.csv.
 */
final class RunIndex {
  /** Files a record is read from; a sweep's record also from its points (see {@link #stamp}). */
  private static final List<String> SOURCES = List.of(RunFiles.SUMMARY, RunFiles.METRICS, RunFiles.CONFIG,
      RunFiles.ANNOTATIONS, RunFiles.CHECKPOINT, RunFiles.LOCK, RunFiles.SWEEP);

  private record Cached(String stamp, RunRecord record) {}

  private final ArchivePaths paths;
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  RunIndex(ArchivePaths paths) {
    this.paths = paths;
  }

  /** One entry of the archive: its record and its id in URLs (null when its name cannot be one). */
  record Entry(RunRecord record, String id) {}

  /**
   * Every run and sweep directly in the archive (links not followed), in no particular order. One
   * caller at a time: a second page asked for while the first reads the archive waits and then
   * finds the records read.
   */
  synchronized List<Entry> list() throws IOException {
    Path root = paths.root();
    if (root == null) {
      return List.of();
    }
    List<Path> directories;
    try (Stream<Path> children = Files.list(root)) {
      directories = children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).filter(RunRecord::isRun)
          .toList();
    }
    cache.keySet().retainAll(directories);
    // Runs not read yet are read side by side: the first page of a large archive waits for them all.
    return directories.parallelStream().map(d -> new Entry(record(d), ArchivePaths.id(root, d))).toList();
  }

  /**
   * The record of a run or sweep of the archive, read again when its files changed or while it
   * (or a point of the sweep) runs.
   */
  RunRecord record(Path directory) {
    String stamp = stamp(directory);
    Cached cached = cache.get(directory);
    boolean live = cached != null && cached.record().status().contains("running");
    if (cached != null && cached.stamp().equals(stamp) && !live) {
      return cached.record();
    }
    RunRecord record = RunRecord.read(directory);
    cache.put(directory, new Cached(stamp, record));
    return record;
  }

  /** What the record of {@code directory} depends on, as text: its source files' attributes (a sweep's and its points'). */
  private static String stamp(Path directory) {
    StringBuilder b = new StringBuilder();
    stampFiles(directory, b);
    if (RunRecord.isSweep(directory)) {
      try (Stream<Path> points = Files.list(directory)) {
        points.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(p -> {
          b.append(p.getFileName()).append('{');
          stampFiles(p, b);
          b.append('}');
        });
      } catch (IOException e) {
        b.append("unlistable");
      }
    }
    return b.toString();
  }

  private static void stampFiles(Path directory, StringBuilder b) {
    for (String name : SOURCES) {
      try {
        BasicFileAttributes a = Files.readAttributes(directory.resolve(name), BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        b.append(name).append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis()).append(':')
            .append(Objects.toString(a.fileKey())).append(';');
      } catch (IOException e) {
        b.append(name).append(":-;");
      }
    }
  }
}
