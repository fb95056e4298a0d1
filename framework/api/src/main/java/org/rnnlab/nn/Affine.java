package org.rnnlab.nn;

import java.util.List;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/**
 * One affine map of a cell, a = W x_t + U h_{t-1} + b (W: H×X, U: H×H, b: H×1), with its
 * backward. Cells are built from these: one for the Elman cell, one per gate for LSTM and GRU, and
 * any plugin cell may use it the same way. Inputs x_t are read through the batch, so symbol inputs
 * are gathered (a column of W) rather than multiplied.
 *
 * <p>Made with the unrolled length ({@link #Affine(Parameters, Parameters, String, int, int)}), it
 * defers dU = Σ_t da_t h_{t-1}ᵀ to the end of BPTT: each step keeps da_t and h_{t-1} as rows of two
 * (T·B)×H buffers, and the step t = 0 adds their product in one matrix product, K = T·B deep, where
 * step by step it was T outer products (at B = 1) that stream all of dU through the cache each. The
 * products' terms are added in the same order, so dU has the same bits either way ({@code AffineTest}).
 */
public final class Affine {
  /** W (H×X), U (H×H), b (H×1): views of the parameters, not to be modified here. */
  public final MatrixView w, u, b;
  private final MatrixView dW, dU, db;
  // Deferred dU (null: added step by step): rows p = 0, 1, … hold da_t[:, b]ᵀ and h_{t-1}[:, b]ᵀ for
  // t = T−1, T−2, … (the order BPTT visits the steps) and b = 0 … B−1; `kept` rows are in use.
  private final double[] keptDa, keptH;
  private int kept;
  private MatrixView daRows, hRows; // their first `kept` rows, made again only when that count changes

  /**
   * Binds the matrices named W{suffix}, U{suffix}, b{suffix}; {@link #backward} adds each step's
   * part of every gradient when it is called.
   */
  public Affine(Parameters parameters, Parameters gradients, String suffix) {
    this(parameters, gradients, suffix, 0, 0);
  }

  /**
   * Binds the matrices named W{suffix}, U{suffix}, b{suffix} for a cell unrolled over at most
   * {@code maxSteps} steps of {@code batchSize} sequences; dU is complete after the backward of
   * step 0 (see the class comment), the other gradients after each step's.
   */
  public Affine(Parameters parameters, Parameters gradients, String suffix, int maxSteps, int batchSize) {
    w = parameters.view("W" + suffix);
    u = parameters.view("U" + suffix);
    b = parameters.view("b" + suffix);
    dW = gradients.view("W" + suffix);
    dU = gradients.view("U" + suffix);
    db = gradients.view("b" + suffix);
    int rows = maxSteps * batchSize;
    keptDa = rows > 0 ? new double[rows * u.rows] : null;
    keptH = rows > 0 ? new double[rows * u.rows] : null;
  }

  /** The specs of W{suffix} (input weights), U{suffix} (recurrent weights), b{suffix} = bias. */
  public static List<ParameterSpec> specs(String suffix, int inputSize, int hiddenSize, double bias) {
    return List.of(
        ParameterSpec.inputWeights("W" + suffix, hiddenSize, inputSize),
        ParameterSpec.recurrentWeights("U" + suffix, hiddenSize, hiddenSize),
        ParameterSpec.bias("b" + suffix, hiddenSize, bias));
  }

  /** a = W x_t + U h_{t-1} + b; {@code hPrevious} null stands for zeros (a zero start state). a: H×B, overwritten. */
  public void forward(StepInputs x, int t, MatrixView hPrevious, MatrixView a) {
    a.fill(0);
    x.addProduct(t, w, a);
    if (hPrevious != null) {
      Dense.multAdd(u, hPrevious, a);
    }
    Dense.addToColumns(b, a);
  }

  /**
   * Given da = dL/da (H×B, not modified): dW += da x_tᵀ, dx_t += Wᵀ da (for a layer below), db +=
   * Σ_batch da, and unless {@code hPrevious} is null (zeros): dU += da h_{t-1}ᵀ (deferred to step 0
   * when made with the unrolled length) and dhPrevious += Uᵀ da. Called for t = T−1 down to 0.
   */
  public void backward(StepInputs x, int t, MatrixView da, MatrixView hPrevious, MatrixView dhPrevious) {
    x.addWeightGradient(t, da, dW);
    x.addInputGradient(t, w, da);
    Dense.addColumnSums(da, db);
    if (hPrevious != null && keptDa == null) {
      Dense.outerAndTransposed(u, da, hPrevious, dU, dhPrevious); // dU += da h_{t-1}ᵀ, dh_{t-1} += Uᵀ da
    } else if (hPrevious != null) {
      keep(da, keptDa);
      keep(hPrevious, keptH);
      kept += da.cols;
      Dense.multAddTransA(u, da, dhPrevious); //                    dh_{t-1} += Uᵀ da
    }
    if (t == 0 && kept > 0) { //                                     dU += Σ_t da_t h_{t-1}ᵀ = (kept da)ᵀ (kept h)
      if (daRows == null || daRows.rows != kept) {
        daRows = new MatrixView(keptDa, 0, kept, u.rows);
        hRows = new MatrixView(keptH, 0, kept, u.rows);
      }
      Dense.multAddTransA(daRows, hRows, dU);
      kept = 0;
    }
  }

  /** Appends the columns of m (H×B) as rows `kept` … of {@code rows}. */
  private void keep(MatrixView m, double[] rows) {
    final int h = m.rows, batch = m.cols;
    for (int b = 0; b < batch; b++) {
      final int to = (kept + b) * h;
      for (int i = 0; i < h; i++) {
        rows[to + i] = m.data[m.offset + i * batch + b];
      }
    }
  }
}
