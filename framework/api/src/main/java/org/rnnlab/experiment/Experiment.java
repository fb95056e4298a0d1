package org.rnnlab.experiment;

import java.io.IOException;
import java.util.List;
import org.rnnlab.spi.Task;

/**
 * The procedure a run executes on its components: train, check gradients, measure gradient
 * growth, …. Chosen by {@code experiment}.
 *
 * <p>The run calls {@link #check} while validating a config (before a run directory exists), then
 * {@link #run} once. Everything an experiment measures goes out through {@link RunIO} as it is
 * measured (rows of {@code metrics.csv} or of a table of its own), so that a run stopped or killed
 * at any moment keeps every measurement made so far.
 */
public interface Experiment {

  /**
   * Throws {@link IllegalArgumentException}, with a message for the user, when this experiment
   * cannot run on the configured task (e.g. a study that varies the length of a task whose length
   * is fixed). Called before the run directory exists; the default accepts every task.
   */
  default void check(Task task) {}

  /**
   * The memory a run of this experiment needs at its peak and the work it will do, estimated from
   * the components' shapes before the run directory exists (build no network here: {@link
   * org.rnnlab.nn.MemoryEstimate} measures small ones), or null when it cannot say. A run whose
   * estimate (times the points a sweep runs at once) exceeds what the JVM may use is refused with
   * the estimate's breakdown; the work is told when the run starts.
   */
  default Estimate estimate(Components components) {
    return null;
  }

  /**
   * Whether a stopped run of this experiment can be continued ({@code ./run resume}): it saves
   * checkpoints and restores itself from {@link RunIO#resumeFrom()}. The default says no.
   */
  default boolean resumable() {
    return false;
  }

  /**
   * Throws {@link IllegalArgumentException}, with a message for the user, when this experiment
   * cannot continue from {@code checkpoint} (one written by an incompatible version) or append to a
   * {@code metrics.csv} whose header is {@code metricColumns} (empty when there is no file). Called
   * by resume before anything in the run directory changes; the default accepts every checkpoint.
   */
  default void checkResume(Checkpoint checkpoint, List<String> metricColumns) {}

  /**
   * Runs to the end, or until {@link RunIO#stopRequested()} (then returns status interrupted, with
   * the results so far). Neither argument is null.
   *
   * @param components makes the configured components: task, networks, loss, clipper, optimizers,
   *     random streams
   * @param io where results go: metrics, tables, charts, checkpoints, the console
   * @throws IOException when writing results fails (the run is then marked failed)
   */
  Outcome run(Components components, RunIO io) throws IOException;
}
