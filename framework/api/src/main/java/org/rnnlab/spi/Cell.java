package org.rnnlab.spi;

import java.util.List;
import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;

/**
 * A recurrent cell: one step h_t = f(x_t, h_{t-1}) forward, and its exact backward. Chosen by
 * {@code network.cell} (or by each of {@code network.layers}).
 *
 * <p>A cell instance only describes; {@link #unroll} binds it to a network's parameters and
 * allocates the workspace for whole sequences, so that nothing is allocated inside the time loop.
 * The slices of a batch are unrolled from one instance and run on several threads at once
 * ({@link org.rnnlab.nn.BatchSlices}): keep every mutable buffer in the unrolled cell.
 * Every cell must pass the testkit's gradient-check contract ({@code CellContract}), from a zero
 * state and from another one.
 */
public interface Cell {

  /**
   * The matrices of one layer with {@code inputSize} inputs (X) and {@code hiddenSize} units (H),
   * e.g. W (H×X), U (H×H), b (H×1). Names must not be {@code "V"} or {@code "c"} (the readout's) and
   * not contain a dot (a stacked network prefixes each layer's names, {@code l2.W}).
   */
  List<ParameterSpec> parameters(int inputSize, int hiddenSize);

  /**
   * Sets initial values of its own, after the network's initializers have filled every block
   * ({@code network.init}, {@code network.recurrent_init}, bias values; {@link
   * ParameterSpec.Kind#CELL} blocks are zero): e.g. chrono gate biases, or the generator of an
   * orthogonal recurrence. {@code layer} reads this layer's matrices by the names of {@link
   * #parameters} and may be modified; draw only from {@code random}, so that a seed reproduces it.
   * The default changes nothing and draws nothing.
   */
  default void initialize(Parameters layer, int inputSize, int hiddenSize, RandomGenerator random) {}

  /**
   * How many H×B matrices make the cell's state, the first being h: 1 for an Elman cell or a GRU,
   * 2 for an LSTM (h and c). A stream (text) carries them from one chunk to the next.
   */
  default int stateCount() {
    return 1;
  }

  /**
   * Binds this cell to parameter values and their gradients (laid out with at least the blocks of
   * {@link #parameters}) and allocates state for sequences of up to {@code maxSteps} steps of
   * {@code batchSize} columns. Neither argument is modified here.
   */
  Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize);

  /** The cell unrolled over time, owning its per-step states. */
  interface Unrolled {

    /**
     * Sets the state the next forward passes start from (the state before step 0): {@code state}
     * holds {@link #stateCount()} matrices, H×B each, copied here (not modified), or is null for
     * zeros, which is how an unrolled cell starts. Gradients do not flow into it: BPTT stops at the
     * start of the sequence (truncated BPTT).
     */
    void startFrom(MatrixView[] state);

    /**
     * Computes h_t (H×B) from the inputs at step t and h_{t-1} (at t = 0: the start state). Called
     * for t = 0, 1, … in order; {@code inputs} is not modified.
     */
    void forward(int t, StepInputs inputs);

    /** h_t, H×B, valid after {@code forward(t)} until the next forward pass. Not to be modified. */
    MatrixView output(int t);

    /**
     * State k after step t (k = 0 is h_t, the same as {@link #output}), H×B, valid after {@code
     * forward(t)}: what a stream's next chunk starts from. Not to be modified.
     */
    MatrixView state(int k, int t);

    /**
     * Backpropagates through step t: accumulates (adds) this step's parameter gradients into the
     * gradients given to {@link #unroll}, and the gradient by its inputs through {@link
     * StepInputs#addInputGradient}. Called for t = T−1 down to 0 after a forward pass over T steps;
     * may carry internal gradients (e.g. an LSTM's dL/dc) from one call to the next, and may add
     * parameter gradients of several steps at once (as {@link org.rnnlab.nn.Affine} adds dU): they
     * must be complete when the call for t = 0 returns.
     *
     * @param dh dL/dh_t from everything downstream (readout, layer above, step t+1); H×B, may be
     *     overwritten
     * @param dhPrevious overwritten with dL/dh_{t-1} through this step, H×B; unused when t = 0
     */
    void backward(int t, StepInputs inputs, MatrixView dh, MatrixView dhPrevious);
  }
}
