package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.store.Annotations;
import org.rnnlab.store.RunDirectory;

/** The run that {@code tag} and {@code note} change: a run directory of the archive, not a sweep. */
final class AnnotatedRun {
  private AnnotatedRun() {}

  /**
   * The real path of {@code run}, which must be a run directory inside {@code archive} (links
   * followed, none inside the run).
   *
   * @throws ConfigException when it is not
   */
  static Path resolve(Path run, Path archive) {
    Path directory = RunDirectory.insideArchive(run, archive);
    if (RunRecord.isSweep(directory)) {
      throw new ConfigException(Origin.of(run.toString()), "", "a sweep; tags and notes belong to runs (its points)");
    }
    return RunDirectory.existing(directory).path();
  }

  /** The run's tags and notes; a damaged annotations.yaml is bad input to fix, not to overwrite. */
  static Annotations read(Path directory) {
    try {
      return Annotations.read(directory);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(directory.toString()), "", e.getMessage());
    }
  }
}
