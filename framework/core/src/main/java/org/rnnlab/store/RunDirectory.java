package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;

/**
 * A run's directory, {@code runs/<yyyy-MM-dd_HH-mm-ss>_<name>[-N]/}: created atomically, so two
 * runs started in the same second get distinct directories ({@code -2}, {@code -3}, …).
 */
public final class RunDirectory {
  public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

  /** Less free space than this on the runs directory's file system is an error before a run starts. */
  static final long MIN_FREE_BYTES = 1 << 20;

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a fresh directory for a run named {@code name} (already validated) under {@code root},
   * creating {@code root} if needed.
   *
   * @throws ConfigException when {@code root} cannot be created or written
   */
  public static RunDirectory create(Path root, String name, LocalDateTime start) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(root.toString()), "", "cannot create the runs directory: " + describe(e));
    }
    if (!Files.isWritable(root)) {
      throw new ConfigException(Origin.of(root.toString()), "", "the runs directory is not writable");
    }
    try {
      long free = Files.getFileStore(root).getUsableSpace();
      if (free < MIN_FREE_BYTES) {
        throw new ConfigException(Origin.of(root.toString()), "", "the runs directory's file system is full (" + free
            + " bytes free; a run needs at least " + MIN_FREE_BYTES + ")");
      }
    } catch (IOException e) {
      // the free space is unknown: the writes will tell
    }
    String base = STAMP.format(start) + "_" + name;
    for (int n = 1; n < 10_000; n++) {
      Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
      try {
        return new RunDirectory(Files.createDirectory(candidate));
      } catch (FileAlreadyExistsException e) {
        // another run took this name in the same second: try the next suffix
      } catch (IOException e) {
        throw new ConfigException(Origin.of(candidate.toString()), "", "cannot create the run directory: " + describe(e));
      }
    }
    throw new ConfigException(Origin.of(root.toString()), "", "too many runs named " + base);
  }

  /**
   * An existing run directory: one that holds a {@code config.yaml} and a {@code summary.yaml}.
   *
   * @throws ConfigException when {@code path} is not one
   */
  public static RunDirectory existing(Path path) {
    Origin where = Origin.of(path.toString());
    if (!Files.isDirectory(path)) {
      throw new ConfigException(where, "", Files.exists(path) ? "not a directory" : "no such directory");
    }
    for (String file : new String[] {RunFiles.CONFIG, RunFiles.SUMMARY}) {
      if (!Files.isRegularFile(path.resolve(file))) {
        throw new ConfigException(where, "", "not a run directory (it has no " + file + ")");
      }
    }
    // rnnlab never makes links in a run; one there could lead a write (run.log, metrics.csv) out of runs/
    try (var entries = Files.list(path)) {
      Path link = entries.filter(Files::isSymbolicLink).sorted().findFirst().orElse(null);
      if (link != null) {
        throw new ConfigException(Origin.of(link.toString()), "",
            "a symbolic link inside a run directory; rnnlab writes only to files it made (remove the link)");
      }
    } catch (IOException e) {
      throw new ConfigException(where, "", "cannot read the directory: " + e.getMessage());
    }
    return new RunDirectory(path);
  }

  /**
   * The real path of {@code runDirectory}, which must lie inside {@code runsRoot} once every symbolic
   * link is followed: commands that write into an existing run never write anywhere else.
   *
   * @throws ConfigException when it does not exist or lies outside
   */
  public static Path insideArchive(Path runDirectory, Path runsRoot) {
    Origin where = Origin.of(runDirectory.toString());
    Path real, root;
    try {
      real = runDirectory.toRealPath();
    } catch (IOException e) {
      throw new ConfigException(where, "", "no such directory");
    }
    try {
      root = runsRoot.toRealPath();
    } catch (IOException e) {
      throw new ConfigException(where, "", "not inside the runs directory " + runsRoot + ", which does not exist"
          + " (use --runs-dir to name the archive it belongs to)");
    }
    if (!real.startsWith(root) || real.equals(root)) {
      throw new ConfigException(where, "", "not inside the runs directory " + root
          + (real.equals(runDirectory.toAbsolutePath().normalize()) ? "" : " (it leads to " + real + ")")
          + "; rnnlab writes only there (use --runs-dir to name another archive)");
    }
    return real;
  }

  /** Deletes a run directory that never got to describe itself (a failed start). */
  public void deleteQuietly() {
    try (var files = Files.walk(path)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: what stays is listed as damaged
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }

  /**
   * Creates a directory with exactly this name under {@code root} (a sweep's point).
   *
   * @throws ConfigException when it exists or cannot be created
   */
  public static RunDirectory createNamed(Path root, String name) {
    Path path = root.resolve(name);
    try {
      return new RunDirectory(Files.createDirectory(path));
    } catch (IOException e) {
      throw new ConfigException(Origin.of(path.toString()), "", "cannot create the run directory: " + describe(e));
    }
  }

  public Path path() {
    return path;
  }

  public Path resolve(String file) {
    return path.resolve(file);
  }

  /**
   * Creates a new file {@code <stem>.<extension>} in the run directory, or {@code <stem>-2.<extension>},
   * {@code -3}, … when that name is taken: two commands at the same moment never share a file.
   *
   * @return the file, created empty
   */
  public Path createUniqueFile(String stem, String extension) throws IOException {
    for (int n = 1; n < 10_000; n++) {
      Path candidate = path.resolve(stem + (n == 1 ? "" : "-" + n) + "." + extension);
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        // taken by an earlier or concurrent command: the next suffix
      }
    }
    throw new IOException("too many files named " + stem + "-N." + extension + " in " + path);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "") + (message == null ? "" : " " + message);
  }
}
