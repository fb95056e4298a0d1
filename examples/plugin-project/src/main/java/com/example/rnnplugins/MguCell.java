package com.example.rnnplugins;

import java.util.ArrayList;
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
 * The minimal gated unit (Zhou, Wu, Zhang &amp; Zhou 2016): a GRU with one gate.
 *
 * <pre>
 * forward    f_t = σ(W_f x_t + U_f h_{t-1} + b_f)              forget gate
 *            r_t = f_t ⊙ h_{t-1}
 *            g_t = tanh(W_h x_t + U_h r_t + b_h)               candidate
 *            h_t = (1 − f_t) ⊙ h_{t-1} + f_t ⊙ g_t              h_{-1}: the start state (0)
 * backward   da_h = dh_t ⊙ f_t ⊙ (1 − g_t²)
 *            dW_h += da_h x_tᵀ,  dU_h += da_h r_tᵀ,  db_h += Σ_batch da_h,   dr = U_hᵀ da_h,  dx_t += W_hᵀ da_h
 *            da_f = (dh_t ⊙ (g_t − h_{t-1}) + dr ⊙ h_{t-1}) ⊙ f_t (1 − f_t)
 *            dW_f += da_f x_tᵀ,  dU_f += da_f h_{t-1}ᵀ,  db_f += Σ_batch da_f,  dx_t += W_fᵀ da_f
 *            dh_{t-1} = dh_t ⊙ (1 − f_t) + dr ⊙ f_t + U_fᵀ da_f
 * </pre>
 */
public final class MguCell implements Cell {

  /** Settings of {@code cell: mgu}. */
  public record Settings(
      @Setting(value = "initial value of the forget-gate bias b_f", defaultValue = "1.0", min = -100, max = 100)
      double forgetBias) {}

  private final double forgetBias;

  public MguCell(Settings settings) {
    this.forgetBias = settings.forgetBias();
  }

  @Override
  public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
    List<ParameterSpec> specs = new ArrayList<>(Affine.specs("_f", inputSize, hiddenSize, forgetBias));
    specs.addAll(Affine.specs("_h", inputSize, hiddenSize, 0));
    return specs;
  }

  @Override
  public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
    return new Steps(new Affine(parameters, gradients, "_f", batchSize), new Affine(parameters, gradients, "_h",
        batchSize), hiddenSize, maxSteps, batchSize);
  }

  private static final class Steps implements Unrolled {
    private final Affine gate, candidate;
    private final MatrixView[] f, r, g, h; // per step, H×B
    private final MatrixView daF, daH, dr; // scratch, H×B
    private final StartState start; // h_{-1}

    Steps(Affine gate, Affine candidate, int hiddenSize, int maxSteps, int batchSize) {
      this.gate = gate;
      this.candidate = candidate;
      f = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      r = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      g = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      h = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      daF = MatrixView.zeros(hiddenSize, batchSize);
      daH = MatrixView.zeros(hiddenSize, batchSize);
      dr = MatrixView.zeros(hiddenSize, batchSize);
      start = new StartState(1, hiddenSize, batchSize);
    }

    @Override
    public void startFrom(MatrixView[] state) {
      start.set(state);
    }

    @Override
    public void forward(int t, StepInputs x) {
      MatrixView hPrevious = t > 0 ? h[t - 1] : start.get(0); // null: a zero start
      gate.forward(x, t, hPrevious, f[t]);
      Activations.sigmoid(f[t]); //                                   f_t = σ(W_f x_t + U_f h_{t-1} + b_f)
      final double[] fv = f[t].data, rv = r[t].data, gv = g[t].data, hv = h[t].data;
      final int at = f[t].offset, n = f[t].size(); // f, r, g, h of step t share their offset
      for (int k = 0; k < n; k++) {
        rv[at + k] = hPrevious == null ? 0 : fv[at + k] * hPrevious.data[hPrevious.offset + k]; // r_t
      }
      candidate.forward(x, t, hPrevious == null ? null : r[t], g[t]);
      Activations.tanh(g[t]); //                                      g_t = tanh(W_h x_t + U_h r_t + b_h)
      for (int k = 0; k < n; k++) {
        double previous = hPrevious == null ? 0 : hPrevious.data[hPrevious.offset + k];
        hv[at + k] = (1 - fv[at + k]) * previous + fv[at + k] * gv[at + k]; // h_t
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
    public void backward(int t, StepInputs x, MatrixView dh, MatrixView dhPrevious) {
      MatrixView hPrevious = t > 0 ? h[t - 1] : start.get(0);
      final double[] fv = f[t].data, gv = g[t].data;
      final int at = f[t].offset, n = f[t].size();
      for (int k = 0; k < n; k++) { //                               da_h = dh_t ⊙ f_t ⊙ (1 − g_t²)
        double gk = gv[at + k];
        daH.data[k] = dh.data[dh.offset + k] * fv[at + k] * (1 - gk * gk);
      }
      dr.fill(0); //                                                 dW_h, dU_h, db_h; dr = U_hᵀ da_h
      candidate.backward(x, t, daH, hPrevious == null ? null : r[t], dr);
      for (int k = 0; k < n; k++) {
        double fk = fv[at + k], dhk = dh.data[dh.offset + k];
        double previous = hPrevious == null ? 0 : hPrevious.data[hPrevious.offset + k];
        double df = dhk * (gv[at + k] - previous) + dr.data[k] * previous;
        daF.data[k] = df * fk * (1 - fk); //                          da_f
        dhPrevious.data[dhPrevious.offset + k] = dhk * (1 - fk) + dr.data[k] * fk; // through h_t and r_t
      }
      gate.backward(x, t, daF, hPrevious, dhPrevious); //             + U_fᵀ da_f; dW_f, dU_f, db_f
    }
  }
}
