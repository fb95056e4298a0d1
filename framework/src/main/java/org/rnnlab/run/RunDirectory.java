package org.rnnlab.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;

/**
 * A run's directory, {@code runs/<yyyy-MM-dd_HH-mm-ss>_<name>[-N]/}: created atomically, so two
 * runs started in the same second get distinct directories ({@code -2}, {@code -3}, …).
 */
public final class RunDirectory {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

  /** The latest checkpoint of a run. */
  public static final String CHECKPOINT = "checkpoint.bin";
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
    for (String file : new String[] {"config.yaml", "summary.yaml"}) {
      if (!Files.isRegularFile(path.resolve(file))) {
        throw new ConfigException(where, "", "not a run directory (it has no " + file + ")");
      }
    }
    return new RunDirectory(path);
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

  /** Writes {@code file} completely or not at all: a temporary file renamed over the target. */
  public void writeAtomically(String file, String content) throws IOException {
    writeAtomically(resolve(file), content);
  }

  public static void writeAtomically(Path target, String content) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      w.write(content);
    }
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "") + (message == null ? "" : " " + message);
  }
}
