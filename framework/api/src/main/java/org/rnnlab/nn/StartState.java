package org.rnnlab.nn;

import org.rnnlab.math.MatrixView;

/**
 * The state a cell's forward pass starts from (the state before step 0), for {@link
 * org.rnnlab.spi.Cell.Unrolled#startFrom}: zeros, as every cell starts, or a copy of given
 * matrices (a stream's previous chunk). While it is zero, {@link #get} says so with null, so that a
 * cell skips the products with it exactly as it would for a zero state.
 */
public final class StartState {
  private final MatrixView[] state;
  private final MatrixView zeros;
  private boolean zero = true;

  /** {@code count} matrices of H×B, zero. */
  public StartState(int count, int hiddenSize, int batchSize) {
    this.state = MatrixView.stack(count, hiddenSize, batchSize);
    this.zeros = MatrixView.zeros(hiddenSize, batchSize);
  }

  /** Copies {@code values} ({@code count} matrices, not modified), or goes back to zeros when null. */
  public void set(MatrixView[] values) {
    if (values == null) {
      zero = true;
      return;
    }
    if (values.length != state.length) {
      throw new IllegalArgumentException(values.length + " state matrices for a cell that carries " + state.length);
    }
    for (int k = 0; k < state.length; k++) {
      state[k].copyFrom(values[k]);
    }
    zero = false;
  }

  /** State k, or null when the start is zero. Not to be modified. */
  public MatrixView get(int k) {
    return zero ? null : state[k];
  }

  /** State k, a matrix of zeros when the start is zero. Not to be modified. */
  public MatrixView getOrZeros(int k) {
    return zero ? zeros : state[k];
  }
}
