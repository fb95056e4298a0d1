package org.rnnlab.spi;

import java.io.IOException;
import java.util.List;
import org.rnnlab.checkpoint.Checkpoint;

/**
 * The procedure a run executes on its components: train, check gradients, measure gradient
 * growth, …. Chosen by {@code experiment}.
 */
public interface Experiment {

  /**
   * Throws {@link IllegalArgumentException}, with a message for the user, when this experiment
   * cannot run on the configured task (e.g. a study that varies the length of a task whose length
   * is fixed). Called before the run directory exists; the default accepts every task.
   */
  default void check(Task task) {}

  /**
   * Throws {@link IllegalArgumentException}, with a message for the user, when this experiment
   * cannot continue from {@code checkpoint} (one written by an incompatible version) or append to a
   * {@code metrics.csv} whose header is {@code metricColumns} (empty when there is no file). Called
   * by resume before anything in the run directory changes; the default accepts every checkpoint.
   */
  default void checkResume(Checkpoint checkpoint, List<String> metricColumns) {}

  /**
   * Runs to the end, or until {@link ExperimentContext#stopRequested()} (then returns status
   * interrupted, with the results so far). Files it writes go into {@link
   * ExperimentContext#runDirectory()}.
   *
   * @throws IOException when writing results fails (the run is then marked failed)
   */
  Outcome run(ExperimentContext context) throws IOException;
}
