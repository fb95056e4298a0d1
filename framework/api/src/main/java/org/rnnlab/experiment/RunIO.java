package org.rnnlab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run offers its {@link Experiment} to report through: the console, the metric rows, tables
 * and charts of its own, checkpoints, and the stop request. Every file goes into the run directory;
 * the run closes what the experiment opened when {@link Experiment#run} returns, whatever the
 * outcome.
 */
public interface RunIO {

  Console console();

  /** True once the user asked the run to stop (Ctrl-C, SIGTERM, SIGHUP); check it at least every ~100 ms of work. */
  boolean stopRequested();

  /**
   * Opens the run's metrics ({@code metrics.csv} and the configured sinks) for rows with these
   * columns (the first must be "step"); call at most once.
   *
   * @param plannedSteps the last step the experiment intends to reach (for progress and ETA)
   */
  default MetricLog openMetrics(List<String> columns, long plannedSteps) throws IOException {
    return openMetrics(columns, plannedSteps, 0);
  }

  /**
   * As {@link #openMetrics(List, long)}, for an experiment that also stops after {@code
   * plannedSeconds} of training (0: no limit), whichever comes first: the ETA counts with both.
   */
  MetricLog openMetrics(List<String> columns, long plannedSteps, double plannedSeconds) throws IOException;

  /**
   * Opens a CSV table of the experiment's own in the run directory (e.g. {@code
   * gradient-growth.csv}), header first; each appended row is on disk when {@link TableLog#append}
   * returns.
   *
   * @param fileName a plain file name ending in {@code .csv}, not one the run itself writes
   */
  TableLog openTable(String fileName, List<String> columns) throws IOException;

  /** Draws charts into the run directory, in the look of every rnnlab chart. */
  ChartWriter charts();

  /**
   * The checkpoint to continue from when the run is resumed ({@code ./run resume}), else empty. An
   * experiment that saves checkpoints restores its state from it and goes on; its earlier metric
   * rows are already in the sinks.
   */
  Optional<Checkpoint> resumeFrom();

  /**
   * Saves {@code checkpoint} as the run's latest, atomically (a crash during the save keeps the
   * previous one). It must hold the long "step": the last step whose metric row was written.
   */
  void saveCheckpoint(Checkpoint checkpoint) throws IOException;

  /**
   * Saves {@code checkpoint} as the run's best ({@code best.bin}): the parameters of its lowest
   * validation loss so far, which {@code ./run sample --best} and {@code ./run eval --best} use.
   */
  void saveBestCheckpoint(Checkpoint checkpoint) throws IOException;

  /** The run directory, for files of the experiment's own beyond tables and charts. */
  Path runDirectory();
}
