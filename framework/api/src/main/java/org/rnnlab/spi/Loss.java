package org.rnnlab.spi;

import org.rnnlab.math.MatrixView;

/**
 * The loss of one time step's outputs against the batch's targets, and its gradient. Chosen by
 * {@code loss}. Positions whose target is {@link SequenceBatch#NO_TARGET} contribute nothing.
 *
 * <p>One instance serves a whole run, and the threads that run the slices of a batch ({@link
 * org.rnnlab.nn.BatchSlices}) call it at the same time: keep no mutable state in it (the testkit's
 * {@code LossContract} calls it from several threads).
 */
public interface Loss {

  /**
   * Throws {@link IllegalArgumentException}, with a message for the user, when this loss cannot
   * score a task of this shape (e.g. cross-entropy on real-valued targets). Called before a run;
   * the default accepts every shape.
   */
  default void check(TaskShape shape) {}

  /**
   * @param outputs the network's outputs (e.g. logits) at step t, K×B; not modified
   * @param batch supplies the targets of step t; not modified
   * @param t the time step
   * @param scale factor applied to the gradient (the caller passes 1/B to average over the batch)
   * @param gradient K×B, overwritten with {@code scale} · ∂loss/∂outputs, zero in columns without a
   *     target; may be {@code null} when only the loss is wanted
   * @return the loss summed over the columns of step t that have a target (not scaled)
   */
  double lossAndGradient(MatrixView outputs, SequenceBatch batch, int t, double scale, MatrixView gradient);
}
