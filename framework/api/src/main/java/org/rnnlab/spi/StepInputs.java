package org.rnnlab.spi;

import org.rnnlab.math.MatrixView;

/**
 * The inputs x_t of a cell at every step, seen only through the three products a layer needs:
 * the task's data for the first layer (a {@link SequenceBatch}, where one-hot symbols are
 * gathered, not multiplied), the outputs of the layer below for the layers above it.
 */
public interface StepInputs {

  /** X, the size of x_t. */
  int size();

  /** out += W x_t. W: H×X, not modified; out: H×B, modified. */
  void addProduct(int t, MatrixView w, MatrixView out);

  /** dW += δ x_tᵀ, the gradient of {@link #addProduct} by W. δ: H×B, not modified; dW: H×X, modified. */
  void addWeightGradient(int t, MatrixView delta, MatrixView dw);

  /**
   * dx_t += Wᵀ δ, the gradient of {@link #addProduct} by x_t, for the layer that made x_t. W: H×X and
   * δ: H×B, not modified. Data has no gradient: a {@link SequenceBatch} does nothing here.
   */
  void addInputGradient(int t, MatrixView w, MatrixView delta);
}
