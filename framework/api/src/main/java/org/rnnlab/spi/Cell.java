package org.rnnlab.spi;

import java.util.List;
import org.rnnlab.math.MatrixView;

/**
 * A recurrent cell: one step h_t = f(x_t, h_{t-1}) forward, and its exact backward. Chosen by
 * {@code network.cell}.
 *
 * <p>A cell instance only describes; {@link #unroll} binds it to a network's parameters and
 * allocates the workspace for whole sequences, so that nothing is allocated inside the time loop.
 * Every cell must pass the framework's gradient-check contract test ({@code CellContract}).
 */
public interface Cell {

  /**
   * The matrices of one layer with {@code inputSize} inputs (X) and {@code hiddenSize} units (H),
   * e.g. W (H×X), U (H×H), b (H×1). Names must not be {@code "V"} or {@code "c"} (the readout's).
   */
  List<ParameterSpec> parameters(int inputSize, int hiddenSize);

  /**
   * Binds this cell to parameter values and their gradients (laid out with at least the blocks of
   * {@link #parameters}) and allocates state for sequences of up to {@code maxSteps} steps of
   * {@code batchSize} columns. Neither argument is modified here.
   */
  Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize);

  /** The cell unrolled over time, owning its per-step states. */
  interface Unrolled {

    /**
     * Computes h_t (H×B) from the inputs at step t and h_{t-1} (zeros when t = 0). Called for t = 0,
     * 1, … in order; {@code inputs} is not modified.
     */
    void forward(int t, SequenceBatch inputs);

    /** h_t, H×B, valid after {@code forward(t)} until the next forward pass. Not to be modified. */
    MatrixView output(int t);

    /**
     * Backpropagates through step t: accumulates (adds) this step's parameter gradients into the
     * gradients given to {@link #unroll}. Called for t = T−1 down to 0 after a forward pass over T
     * steps; may carry internal gradients (e.g. an LSTM's dL/dc) from one call to the next.
     *
     * @param dh dL/dh_t from everything downstream (readout and step t+1); H×B, may be overwritten
     * @param dhPrevious overwritten with dL/dh_{t-1} through this step, H×B; unused when t = 0
     */
    void backward(int t, SequenceBatch inputs, MatrixView dh, MatrixView dhPrevious);
  }
}
