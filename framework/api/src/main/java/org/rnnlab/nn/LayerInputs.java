package org.rnnlab.nn;

import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.StepInputs;

/**
 * The inputs of a layer above the first: the outputs h_t of the layer below (H×B), through a
 * dropout mask m_t while training with dropout. Keeps dL/dx_t for every step, which the layer above
 * adds to during its backward pass and the layer below then reads.
 */
final class LayerInputs implements StepInputs {
  private final Cell.Unrolled below;
  private final double[] mask; // T×H×B, or null without dropout
  private final MatrixView[] dropped; // m_t ⊙ h_t, or null without dropout
  private final MatrixView[] dx; // dL/dx_t, H×B per step
  private final int size;
  private boolean dropping;

  LayerInputs(Cell.Unrolled below, double[] mask, int hidden, int maxSteps, int batchSize) {
    this.below = below;
    this.mask = mask;
    this.dropped = mask == null ? null : MatrixView.stack(maxSteps, hidden, batchSize);
    this.dx = MatrixView.stack(maxSteps, hidden, batchSize);
    this.size = hidden;
  }

  /** Makes x_t from the layer below's h_t: masked while {@code drop}. Called after the layer below's forward(t). */
  void prepare(int t, boolean drop) {
    dropping = drop && mask != null;
    if (dropping) {
      Network.multiply(mask, t, below.output(t), dropped[t]);
    }
  }

  /** x_t (H×B): the layer below's h_t, masked while dropping. Not to be modified. */
  MatrixView x(int t) {
    return dropping ? dropped[t] : below.output(t);
  }

  /** dL/dx_t (H×B), which the layer above adds to in its backward pass. */
  MatrixView dx(int t) {
    return dx[t];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void addProduct(int t, MatrixView w, MatrixView out) {
    Dense.multAdd(w, x(t), out); // out += W x_t
  }

  @Override
  public void addWeightGradient(int t, MatrixView delta, MatrixView dw) {
    Dense.multAddTransB(delta, x(t), dw); // dW += δ x_tᵀ
  }

  @Override
  public void addInputGradient(int t, MatrixView w, MatrixView delta) {
    Dense.multAddTransA(w, delta, dx[t]); // dx_t += Wᵀ δ
  }

  /** Zeros dL/dx_t of the first {@code steps} steps, before a backward pass. */
  void clearGradients(int steps) {
    for (int t = 0; t < steps; t++) {
      dx[t].fill(0);
    }
  }

  /** dh_t += dL/dh_t through these inputs: m_t ⊙ dx_t, or dx_t. */
  void addGradientTo(int t, MatrixView dh) {
    MatrixView d = dx[t];
    int n = d.size(), at = t * n;
    for (int i = 0; i < n; i++) {
      dh.data[dh.offset + i] += dropping ? mask[at + i] * d.data[d.offset + i] : d.data[d.offset + i];
    }
  }
}
