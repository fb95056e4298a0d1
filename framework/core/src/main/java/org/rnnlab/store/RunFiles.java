package org.rnnlab.store;

import java.util.Set;

/**
 * The names of the files rnnlab keeps in a run directory (and in a sweep's). Every other class
 * names them through these constants.
 */
public final class RunFiles {
  private RunFiles() {}

  /** The resolved config: every default filled in, overrides applied; runnable as it is. */
  public static final String CONFIG = "config.yaml";
  /** The command-line overrides as typed, one per line. */
  public static final String OVERRIDES = "overrides.txt";
  /** Where and with what the run was made. */
  public static final String PROVENANCE = "provenance.yaml";
  /** Status, times, final and best results (see {@link RunSummary}). */
  public static final String SUMMARY = "summary.yaml";
  /** One row per logged step (see {@link MetricsFile}, {@link MetricsTable}). */
  public static final String METRICS = "metrics.csv";
  /** Everything the console showed. */
  public static final String LOG = "run.log";
  /** The latest checkpoint (see {@link CheckpointFile}). */
  public static final String CHECKPOINT = "checkpoint.bin";
  /** The parameters of the lowest validation loss (stream tasks). */
  public static final String BEST_CHECKPOINT = "best.bin";
  /** The symbols of a text task, as a JSON list. */
  public static final String VOCABULARY = "vocabulary.json";
  /** Held by the process running the run (see {@link RunLock}); removed when it ends. */
  public static final String LOCK = "lock";
  /** The time, rewritten while the run runs (see {@link Heartbeat}); removed when it ends. */
  public static final String HEARTBEAT = "heartbeat";
  /** Tags and notes given after the run started (see {@link Annotations}). */
  public static final String ANNOTATIONS = "annotations.yaml";
  /** A sweep's record: axes, points and their status. */
  public static final String SWEEP = "sweep.yaml";
  /** A sweep's table of points. */
  public static final String SWEEP_TABLE = "sweep.csv";
  /** Locked while a sweep's own files are rewritten from its points (see {@link SweepFilesLock}). */
  public static final String SWEEP_FILES_LOCK = ".sweep-files.lock";

  /** The files the run itself writes: an experiment's own tables must take other names. */
  public static final Set<String> RESERVED =
      Set.of(CONFIG, OVERRIDES, PROVENANCE, SUMMARY, METRICS, LOG, CHECKPOINT, BEST_CHECKPOINT, VOCABULARY, LOCK,
          HEARTBEAT, ANNOTATIONS, SWEEP, SWEEP_TABLE);
}
