package org.rnnlab.nn;

import java.util.List;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.Precision;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/**
 * One affine map of a cell, a = W x_t + U h_{t-1} + b (W: H×X, U: H×H, b: H×1), with its
 * backward. Cells are built from these: one for the Elman cell, one per gate for LSTM and GRU, and
 * any plugin cell may use it the same way. Inputs x_t are read through the batch, so symbol inputs
 * are gathered (a column of W) rather than multiplied.
 *
 * <p>Made with the batch size ({@link #Affine(Parameters, Parameters, String, int)}), it
 * adds dU = Σ_t da_t h_{t-1}ᵀ a few hundred terms at a time ({@link OuterProducts}), with the same
 * bits as step by step.
 *
 * <p>When the parameters are in {@link Precision#FLOAT32} ({@code network.precision}), the
 * recurrent product U h_{t-1} and its backward run on a float copy of U ({@link Float32Weights},
 * reloaded at each step 0), and so does W x_t when x_t is the layer below's output; the input
 * product of symbols, a gather, stays double.
 */
public final class Affine {
  /** W (H×X), U (H×H), b (H×1): views of the parameters, not to be modified here. */
  public final MatrixView w, u, b;
  private final MatrixView dW, dU, db;
  private final OuterProducts recurrentGradient; // dU's terms, or null: added step by step (or in float32)
  private final Float32Weights recurrent32; // U in float32, or null
  private final Float32Weights input32; // W in float32, for the inputs from a layer below; or null

  /**
   * Binds the matrices named W{suffix}, U{suffix}, b{suffix}; {@link #backward} adds each step's
   * part of every gradient when it is called (in float32, dU's and a dense input's dW at step 0).
   */
  public Affine(Parameters parameters, Parameters gradients, String suffix) {
    this(parameters, gradients, suffix, 0);
  }

  /**
   * Binds the matrices named W{suffix}, U{suffix}, b{suffix} for a cell unrolled over batches of
   * {@code batchSize} sequences: dU is added a few hundred terms at a time, and is complete after
   * the backward of step 0 (see the class comment); the other gradients after each step's.
   */
  public Affine(Parameters parameters, Parameters gradients, String suffix, int batchSize) {
    w = parameters.view("W" + suffix);
    u = parameters.view("U" + suffix);
    b = parameters.view("b" + suffix);
    dW = gradients.view("W" + suffix);
    dU = gradients.view("U" + suffix);
    db = gradients.view("b" + suffix);
    recurrent32 = parameters.precision() == Precision.FLOAT32 ? new Float32Weights(u, dU) : null;
    input32 = recurrent32 != null ? new Float32Weights(w, dW) : null;
    recurrentGradient = batchSize > 0 && recurrent32 == null ? new OuterProducts(dU, batchSize) : null;
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
    LayerInputs below = input32 != null && x instanceof LayerInputs l ? l : null; // dense inputs, in float32
    if (recurrent32 != null && t == 0) {
      recurrent32.load(); // U (and W) as they are now, after the last update
      if (below != null) {
        input32.load();
      }
    }
    if (below != null) {
      input32.multAdd(below.x(t), a);
    } else {
      x.addProduct(t, w, a);
    }
    if (hPrevious != null && recurrent32 != null) {
      recurrent32.multAdd(hPrevious, a);
    } else if (hPrevious != null) {
      Dense.multAdd(u, hPrevious, a);
    }
    Dense.addToColumns(b, a);
  }

  /**
   * Given da = dL/da (H×B, not modified): dW += da x_tᵀ, dx_t += Wᵀ da (for a layer below), db +=
   * Σ_batch da, and unless {@code hPrevious} is null (zeros): dU += da h_{t-1}ᵀ (complete at step 0
   * when made with the batch size) and dhPrevious += Uᵀ da. Called for t = T−1 down to 0.
   */
  public void backward(StepInputs x, int t, MatrixView da, MatrixView hPrevious, MatrixView dhPrevious) {
    if (input32 != null && x instanceof LayerInputs below) {
      input32.backward(da, below.x(t), below.dx(t)); //             dW += da x_tᵀ, dx_t += Wᵀ da in float32
    } else {
      x.addWeightGradient(t, da, dW);
      x.addInputGradient(t, w, da);
    }
    Dense.addColumnSums(da, db);
    if (hPrevious != null && recurrent32 != null) {
      recurrent32.backward(da, hPrevious, dhPrevious); //          the same two, in float32
    } else if (hPrevious != null && recurrentGradient == null) {
      Dense.outerAndTransposed(u, da, hPrevious, dU, dhPrevious); // dU += da h_{t-1}ᵀ, dh_{t-1} += Uᵀ da
    } else if (hPrevious != null) {
      recurrentGradient.add(da, hPrevious); //                       dU += da h_{t-1}ᵀ, a few hundred at a time
      Dense.multAddTransA(u, da, dhPrevious); //                    dh_{t-1} += Uᵀ da
    }
    if (t == 0 && recurrentGradient != null) {
      recurrentGradient.flush(); //                                  the rest of dU = Σ_t da_t h_{t-1}ᵀ
    } else if (t == 0 && recurrent32 != null) {
      recurrent32.flush();
      input32.flush();
    }
  }
}
