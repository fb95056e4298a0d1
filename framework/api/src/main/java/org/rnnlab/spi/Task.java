package org.rnnlab.spi;

import java.util.random.RandomGenerator;

/**
 * Makes the sequences a network learns from and says which outputs count. Chosen by {@code task}.
 * Training and held-out test data are drawn by the same {@link #sample} from different random
 * streams.
 */
public interface Task {

  /** The shape of every sequence; the same on every call. */
  TaskShape shape();

  /**
   * Overwrites {@code batch} (created for {@link #shape()}; modified) with fresh sequences: inputs,
   * targets ({@link SequenceBatch#NO_TARGET} where no loss applies) and the positions accuracy
   * scores. Draws only from {@code random}.
   */
  void sample(SequenceBatch batch, RandomGenerator random);

  /**
   * The same task with sequences of {@code steps} steps, for experiments that vary the length
   * (the gradient-growth study). Tasks whose structure fixes the length throw {@link
   * IllegalArgumentException} saying which lengths they allow.
   */
  default Task withLength(int steps) {
    throw new IllegalArgumentException("this task's length cannot be varied");
  }

  /**
   * The loss per sequence of the best prediction without memory (e.g. 10·ln 8 for the copy task),
   * in the units of the task's usual loss, or NaN when there is none to report.
   */
  default double baselineLoss() {
    return Double.NaN;
  }

  /**
   * The accuracy of guessing without looking at the inputs (e.g. 1/8 for a symbol drawn from 8),
   * drawn as a reference line on accuracy charts, or NaN when there is none to report.
   */
  default double chanceAccuracy() {
    return Double.NaN;
  }

  /**
   * What a run should record of the task's data in {@code provenance.yaml} under {@code data} (a
   * file's path, size and SHA-256, say): plain values, maps and lists. Empty for generated data.
   */
  default java.util.Map<String, Object> provenance() {
    return java.util.Map.of();
  }

  /**
   * Files the run directory should hold for the task, by name (e.g. {@code vocabulary.json}), with
   * their text. Written before the first step.
   */
  default java.util.Map<String, String> files() {
    return java.util.Map.of();
  }
}
