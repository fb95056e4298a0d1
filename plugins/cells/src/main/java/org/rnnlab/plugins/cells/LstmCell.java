package org.rnnlab.plugins.cells;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
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
 * Long short-term memory (Hochreiter &amp; Schmidhuber 1997) with the forget gate of Gers,
 * Schmidhuber &amp; Cummins (2000). One named matrix per gate (W_i, U_i, b_i, …).
 *
 * <pre>
 * forward    i_t = σ(W_i x_t + U_i h_{t-1} + b_i)          input gate
 *            f_t = σ(W_f x_t + U_f h_{t-1} + b_f)          forget gate, b_f starts at forget_bias
 *            o_t = σ(W_o x_t + U_o h_{t-1} + b_o)          output gate
 *            g_t = tanh(W_g x_t + U_g h_{t-1} + b_g)       candidate
 *            c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t               h_{-1}, c_{-1}: the start state (0)
 *            h_t = o_t ⊙ tanh(c_t)
 * backward   dc_t = dh_t ⊙ o_t ⊙ (1 − tanh²(c_t)) + dc_{t+1→t}      (carried from step t+1)
 *            da_o = dh_t ⊙ tanh(c_t) ⊙ o_t (1 − o_t)
 *            da_i = dc_t ⊙ g_t ⊙ i_t (1 − i_t)
 *            da_f = dc_t ⊙ c_{t-1} ⊙ f_t (1 − f_t)
 *            da_g = dc_t ⊙ i_t ⊙ (1 − g_t²)
 *            dW_k += da_k x_tᵀ,  dU_k += da_k h_{t-1}ᵀ,  db_k += Σ_batch da_k    for k = i, f, o, g
 *            dh_{t-1} = Σ_k U_kᵀ da_k,   dc_{t-1} = dc_t ⊙ f_t
 * </pre>
 *
 * A forget-gate bias of 1 keeps the cell's memory open at the start of training (Gers et al.
 * 2000; Jozefowicz, Zaremba &amp; Sutskever 2015). Chrono initialization (Tallec &amp; Ollivier
 * 2018) instead spreads the units' memory over time scales up to T_max: b_f = log(u) with u
 * uniform in [1, T_max − 1] per unit, and b_i = −b_f, so that a unit forgets at the rate 1/u at the
 * start (σ(log u) = u/(1 + u)).
 */
public final class LstmCell implements Cell {

  /** Settings of {@code cell: lstm}. */
  public record Settings(
      @Setting(value = "initial value of the forget-gate bias b_f (unless chrono)", defaultValue = "1.0",
          min = -100, max = 100)
      double forgetBias,
      @Setting(value = "T_max of chrono initialization (Tallec & Ollivier 2018): b_f = log(u), u uniform in"
          + " [1, T_max − 1], b_i = −b_f; about the longest delay to bridge (0: off, b_f = forget_bias)",
          defaultValue = "0", min = 0, max = 1_000_000_000)
      int chrono) {
    public Settings {
      Chrono.check(chrono);
    }

    /** The forget-gate bias alone, no chrono initialization. */
    public Settings(double forgetBias) {
      this(forgetBias, 0);
    }
  }

  private final double forgetBias;
  private final int chrono;

  public LstmCell(Settings settings) {
    this.forgetBias = settings.forgetBias();
    this.chrono = settings.chrono();
  }

  /** With chrono: b_f = log(u), u uniform in [1, T_max − 1], and b_i = −b_f. */
  @Override
  public void initialize(Parameters layer, int inputSize, int hiddenSize, RandomGenerator random) {
    if (chrono > 0) {
      Chrono.fill(layer.view("b_f"), chrono, random);
      MatrixView forget = layer.view("b_f"), input = layer.view("b_i");
      for (int k = 0; k < hiddenSize; k++) {
        input.data[input.offset + k] = -forget.data[forget.offset + k];
      }
    }
  }

  @Override
  public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
    List<ParameterSpec> specs = new ArrayList<>();
    specs.addAll(Affine.specs("_i", inputSize, hiddenSize, 0));
    specs.addAll(Affine.specs("_f", inputSize, hiddenSize, forgetBias));
    specs.addAll(Affine.specs("_o", inputSize, hiddenSize, 0));
    specs.addAll(Affine.specs("_g", inputSize, hiddenSize, 0));
    return specs;
  }

  /** h and c. */
  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
    return new Steps(parameters, gradients, hiddenSize, maxSteps, batchSize);
  }

  private static final class Steps implements Unrolled {
    private final Affine inputGate, forgetGate, outputGate, candidate;
    private final MatrixView[] i, f, o, g, c, tanhC, h; // per step, H×B
    // Scratch, H×B, each over its own array (offset 0): dL/dc_t carried from step t+1 to t, and
    // the gates' pre-activation gradients.
    private final MatrixView dc, daI, daF, daO, daG;
    private final StartState start; // h_{-1}, c_{-1}
    private int lastForward = -1;

    Steps(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
      inputGate = new Affine(parameters, gradients, "_i", batchSize);
      forgetGate = new Affine(parameters, gradients, "_f", batchSize);
      outputGate = new Affine(parameters, gradients, "_o", batchSize);
      candidate = new Affine(parameters, gradients, "_g", batchSize);
      i = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      f = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      o = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      g = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      c = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      tanhC = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      h = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      dc = MatrixView.zeros(hiddenSize, batchSize);
      daI = MatrixView.zeros(hiddenSize, batchSize);
      daF = MatrixView.zeros(hiddenSize, batchSize);
      daO = MatrixView.zeros(hiddenSize, batchSize);
      daG = MatrixView.zeros(hiddenSize, batchSize);
      start = new StartState(2, hiddenSize, batchSize);
    }

    @Override
    public void startFrom(MatrixView[] state) {
      start.set(state);
    }

    @Override
    public void forward(int t, StepInputs x) {
      MatrixView hPrevious = t > 0 ? h[t - 1] : start.get(0);
      inputGate.forward(x, t, hPrevious, i[t]);
      Activations.sigmoid(i[t]); //                              i_t = σ(W_i x_t + U_i h_{t-1} + b_i)
      forgetGate.forward(x, t, hPrevious, f[t]);
      Activations.sigmoid(f[t]); //                              f_t
      outputGate.forward(x, t, hPrevious, o[t]);
      Activations.sigmoid(o[t]); //                              o_t
      candidate.forward(x, t, hPrevious, g[t]);
      Activations.tanh(g[t]); //                                 g_t
      final double[] iv = i[t].data, fv = f[t].data, ov = o[t].data, gv = g[t].data;
      final double[] cv = c[t].data, tv = tanhC[t].data, hv = h[t].data;
      final MatrixView cPrevious = t > 0 ? c[t - 1] : start.getOrZeros(1);
      final double[] cp = cPrevious.data;
      final int n = c[t].size(), at = c[t].offset, cpAt = cPrevious.offset;
      for (int k = 0; k < n; k++) {
        int p = at + k;
        cv[p] = fv[p] * cp[cpAt + k] + iv[p] * gv[p]; //        c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
        tv[p] = Activations.tanh(cv[p]);
        hv[p] = ov[p] * tv[p]; //                               h_t = o_t ⊙ tanh(c_t)
      }
      lastForward = t;
    }

    @Override
    public MatrixView output(int t) {
      return h[t];
    }

    @Override
    public MatrixView state(int k, int t) {
      return k == 0 ? h[t] : c[t];
    }

    @Override
    public void backward(int t, StepInputs x, MatrixView dh, MatrixView dhPrevious) {
      if (t == lastForward) {
        dc.fill(0); // the last step: nothing flows back from t+1
      }
      final double[] iv = i[t].data, fv = f[t].data, ov = o[t].data, gv = g[t].data, tv = tanhC[t].data;
      final double[] dcv = dc.data, dhv = dh.data;
      final MatrixView cPrevious = t > 0 ? c[t - 1] : start.getOrZeros(1);
      final double[] cp = cPrevious.data, daOv = daO.data, daIv = daI.data, daFv = daF.data, daGv = daG.data;
      final int n = dc.size(), at = i[t].offset, cpAt = cPrevious.offset, dhAt = dh.offset;
      for (int k = 0; k < n; k++) {
        int p = at + k;
        double dhk = dhv[dhAt + k];
        double dck = dcv[k] + dhk * ov[p] * (1 - tv[p] * tv[p]); // dc_t
        daOv[k] = dhk * tv[p] * ov[p] * (1 - ov[p]); //              da_o
        daIv[k] = dck * gv[p] * iv[p] * (1 - iv[p]); //              da_i
        daFv[k] = dck * cp[cpAt + k] * fv[p] * (1 - fv[p]); //       da_f
        daGv[k] = dck * iv[p] * (1 - gv[p] * gv[p]); //              da_g
        dcv[k] = dck * fv[p]; //                                     dc_{t-1} = dc_t ⊙ f_t
      }
      MatrixView hPrevious = t > 0 ? h[t - 1] : start.get(0);
      dhPrevious.fill(0); //                                         dh_{t-1} = Σ_k U_kᵀ da_k
      inputGate.backward(x, t, daI, hPrevious, dhPrevious);
      forgetGate.backward(x, t, daF, hPrevious, dhPrevious);
      outputGate.backward(x, t, daO, hPrevious, dhPrevious);
      candidate.backward(x, t, daG, hPrevious, dhPrevious);
    }
  }
}
