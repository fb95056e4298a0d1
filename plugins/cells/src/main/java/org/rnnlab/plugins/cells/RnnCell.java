package org.rnnlab.plugins.cells;

import java.util.List;
import org.rnnlab.math.Activations;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.Affine;
import org.rnnlab.nn.StartState;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/**
 * The Elman cell (Elman 1990), the basic RNN.
 *
 * <pre>
 * forward    a_t = W x_t + U h_{t-1} + b          W: H×X, U: H×H, b: H×1, h_{-1} the start state (0)
 *            h_t = act(a_t)                       act = tanh or relu
 * backward   da_t = dh_t ⊙ act'(a_t)             tanh' = 1 − h_t², relu' = [h_t &gt; 0]
 *            dW += da_t x_tᵀ,  dU += da_t h_{t-1}ᵀ,  db += Σ_batch da_t
 *            dh_{t-1} = Uᵀ da_t
 * </pre>
 *
 * With {@code activation: relu} and an identity recurrent initializer this is the IRNN of Le,
 * Jaitly &amp; Hinton (2015).
 */
public final class RnnCell implements Cell {

  /** The nonlinearity act. */
  public enum Activation {
    TANH,
    RELU
  }

  /** Settings of {@code cell: rnn}. */
  public record Settings(
      @Setting(value = "the nonlinearity act in h_t = act(W x_t + U h_{t-1} + b)", defaultValue = "tanh")
      Activation activation) {}

  private final Activation activation;

  public RnnCell(Settings settings) {
    this.activation = settings.activation();
  }

  @Override
  public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
    return Affine.specs("", inputSize, hiddenSize, 0);
  }

  @Override
  public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
    return new Steps(new Affine(parameters, gradients, "", batchSize), MatrixView.stack(maxSteps, hiddenSize, batchSize),
        new StartState(1, hiddenSize, batchSize));
  }

  private final class Steps implements Unrolled {
    private final Affine affine;
    private final MatrixView[] h; // h_t, H×B
    private final StartState start; // h_{-1}

    Steps(Affine affine, MatrixView[] h, StartState start) {
      this.affine = affine;
      this.h = h;
      this.start = start;
    }

    @Override
    public void startFrom(MatrixView[] state) {
      start.set(state);
    }

    @Override
    public void forward(int t, StepInputs inputs) {
      MatrixView a = h[t]; // a_t is computed in place of h_t
      affine.forward(inputs, t, t > 0 ? h[t - 1] : start.get(0), a); // a_t = W x_t + U h_{t-1} + b
      if (activation == Activation.TANH) { //                   h_t = act(a_t)
        Activations.tanh(a);
      } else {
        for (int i = a.offset, end = a.offset + a.size(); i < end; i++) {
          a.data[i] = Math.max(0, a.data[i]);
        }
      }
    }

    @Override
    public MatrixView output(int t) {
      return h[t];
    }

    @Override
    public MatrixView state(int k, int t) {
      return h[t];
    }

    @Override
    public void backward(int t, StepInputs inputs, MatrixView dh, MatrixView dhPrevious) {
      MatrixView ht = h[t];
      MatrixView da = dh; // da_t overwrites dh_t
      double[] g = da.data, y = ht.data;
      int n = ht.size();
      if (activation == Activation.TANH) { // da_t = dh_t ⊙ (1 − h_t²)
        for (int i = 0; i < n; i++) {
          double hi = y[ht.offset + i];
          g[da.offset + i] *= 1 - hi * hi;
        }
      } else { //                             da_t = dh_t ⊙ [h_t > 0]
        for (int i = 0; i < n; i++) {
          if (y[ht.offset + i] <= 0) {
            g[da.offset + i] = 0;
          }
        }
      }
      dhPrevious.fill(0); // dW, db, dU += …; dh_{t-1} = Uᵀ da_t (the start state is a constant)
      affine.backward(inputs, t, da, t > 0 ? h[t - 1] : start.get(0), dhPrevious);
    }
  }
}
