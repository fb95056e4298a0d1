package org.rnnlab.plugins.cells;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rnnlab.math.Activations;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.Affine;
import org.rnnlab.nn.OuterProducts;
import org.rnnlab.nn.StartState;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/**
 * The gated recurrent unit (Cho et al. 2014). One named matrix per gate.
 *
 * <pre>
 * forward    r_t = σ(W_r x_t + U_r h_{t-1} + b_r)                     reset gate
 *            z_t = σ(W_z x_t + U_z h_{t-1} + b_z)                     update gate
 *   after    n_t = tanh(W_n x_t + b_n + r_t ⊙ (U_n h_{t-1} + b_un))   PyTorch, cuDNN (default)
 *   before   n_t = tanh(W_n x_t + U_n (r_t ⊙ h_{t-1}) + b_n)          Cho et al. 2014
 *            h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}                    h_{-1}: the start state (0)
 * backward   dz = dh_t ⊙ (h_{t-1} − n_t),  dn = dh_t ⊙ (1 − z_t),  dh_{t-1} = dh_t ⊙ z_t + …
 *            da_n = dn ⊙ (1 − n_t²)                  dW_n += da_n x_tᵀ,  db_n += Σ da_n
 *   after    q = U_n h_{t-1} + b_un:  dr = da_n ⊙ q,  dq = da_n ⊙ r_t
 *            dU_n += dq h_{t-1}ᵀ,  db_un += Σ dq,  dh_{t-1} += U_nᵀ dq
 *   before   s = r_t ⊙ h_{t-1}:  dU_n += da_n sᵀ,  ds = U_nᵀ da_n,  dr = ds ⊙ h_{t-1},  dh_{t-1} += ds ⊙ r_t
 *            da_r = dr ⊙ r_t (1 − r_t),  da_z = dz ⊙ z_t (1 − z_t)
 *            dW_k += da_k x_tᵀ,  dU_k += da_k h_{t-1}ᵀ,  db_k += Σ da_k,  dh_{t-1} += U_kᵀ da_k   for k = r, z
 * </pre>
 *
 * The two variants differ only in where the reset gate acts: on the product U_n h_{t-1} (after,
 * with its own bias b_un, as PyTorch's {@code nn.GRU}) or on h_{t-1} before the product (the
 * paper's form).
 */
public final class GruCell implements Cell {

  /** Where the reset gate r_t acts in the candidate n_t. */
  public enum ResetGate {
    /** r_t ⊙ (U_n h_{t-1} + b_un), as PyTorch and cuDNN. */
    AFTER,
    /** U_n (r_t ⊙ h_{t-1}), as Cho et al. (2014). */
    BEFORE
  }

  /** Settings of {@code cell: gru}. */
  public record Settings(
      @Setting(value = "after: r ⊙ (U_n h + b_un) as PyTorch; before: U_n (r ⊙ h) as Cho et al. 2014",
          defaultValue = "after")
      ResetGate resetGate,
      @Setting(value = "T_max of chrono initialization of the update gate (Tallec & Ollivier 2018): b_z ="
          + " log(u), u uniform in [1, T_max − 1]; about the longest delay to bridge (0: off, b_z = 0)",
          defaultValue = "0", min = 0, max = 1_000_000_000)
      int chrono) {
    public Settings {
      Chrono.check(chrono);
    }

    /** Where the reset gate acts, no chrono initialization. */
    public Settings(ResetGate resetGate) {
      this(resetGate, 0);
    }
  }

  private final ResetGate resetGate;
  private final int chrono;

  public GruCell(Settings settings) {
    this.resetGate = settings.resetGate();
    this.chrono = settings.chrono();
  }

  /**
   * With chrono: b_z = log(u), u uniform in [1, T_max − 1]. z_t is the share of h_{t-1} kept, the
   * role of an LSTM's forget gate, so a unit starts keeping its state for about u steps.
   */
  @Override
  public void initialize(Parameters layer, int inputSize, int hiddenSize, RandomGenerator random) {
    if (chrono > 0) {
      Chrono.fill(layer.view("b_z"), chrono, random);
    }
  }

  @Override
  public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
    List<ParameterSpec> specs = new ArrayList<>();
    specs.addAll(Affine.specs("_r", inputSize, hiddenSize, 0));
    specs.addAll(Affine.specs("_z", inputSize, hiddenSize, 0));
    specs.addAll(Affine.specs("_n", inputSize, hiddenSize, 0));
    if (resetGate == ResetGate.AFTER) {
      specs.add(ParameterSpec.bias("b_un", hiddenSize, 0));
    }
    return specs;
  }

  @Override
  public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
    return new Steps(parameters, gradients, hiddenSize, maxSteps, batchSize);
  }

  private final class Steps implements Unrolled {
    private final Affine reset, update;
    private final MatrixView wN, uN, bN, dWn, dUn, dbN, bUn, dbUn;
    private final MatrixView[] r, z, n, q, h; // per step, H×B; q = U_n h_{t-1} + b_un (after) or r ⊙ h_{t-1} (before)
    private final StartState start; // h_{-1}
    private final MatrixView daR, daZ, daN, dq; // scratch, H×B, each at offset 0
    private final OuterProducts candidateGradient; // dU_n's terms

    Steps(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
      reset = new Affine(parameters, gradients, "_r", batchSize);
      update = new Affine(parameters, gradients, "_z", batchSize);
      wN = parameters.view("W_n");
      uN = parameters.view("U_n");
      bN = parameters.view("b_n");
      dWn = gradients.view("W_n");
      dUn = gradients.view("U_n");
      dbN = gradients.view("b_n");
      bUn = resetGate == ResetGate.AFTER ? parameters.view("b_un") : null;
      dbUn = resetGate == ResetGate.AFTER ? gradients.view("b_un") : null;
      r = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      z = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      n = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      q = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      h = MatrixView.stack(maxSteps, hiddenSize, batchSize);
      start = new StartState(1, hiddenSize, batchSize);
      daR = MatrixView.zeros(hiddenSize, batchSize);
      daZ = MatrixView.zeros(hiddenSize, batchSize);
      daN = MatrixView.zeros(hiddenSize, batchSize);
      dq = MatrixView.zeros(hiddenSize, batchSize);
      candidateGradient = new OuterProducts(dUn, batchSize);
    }

    @Override
    public void startFrom(MatrixView[] state) {
      start.set(state);
    }

    @Override
    public void forward(int t, StepInputs x) {
      MatrixView hPrevious = t > 0 ? h[t - 1] : start.getOrZeros(0);
      MatrixView hOrNull = t > 0 ? hPrevious : start.get(0); // null: a zero start, skip its products
      reset.forward(x, t, hOrNull, r[t]);
      Activations.sigmoid(r[t]); //                    r_t
      update.forward(x, t, hOrNull, z[t]);
      Activations.sigmoid(z[t]); //                    z_t
      MatrixView a = n[t], qt = q[t];
      a.fill(0);
      x.addProduct(t, wN, a); //                       W_n x_t
      Dense.addToColumns(bN, a); //                      + b_n
      final int size = a.size();
      final double[] rv = r[t].data, av = a.data, qv = qt.data, hv = hPrevious.data;
      final int at = a.offset, hAt = hPrevious.offset;
      if (resetGate == ResetGate.AFTER) {
        qt.fill(0);
        if (hOrNull != null) {
          Dense.multAdd(uN, hPrevious, qt); //         q = U_n h_{t-1}
        }
        Dense.addToColumns(bUn, qt); //                     + b_un
        for (int k = 0; k < size; k++) {
          av[at + k] += rv[at + k] * qv[at + k]; //    + r_t ⊙ q
        }
      } else {
        for (int k = 0; k < size; k++) {
          qv[at + k] = rv[at + k] * hv[hAt + k]; //    s = r_t ⊙ h_{t-1}
        }
        if (hOrNull != null) {
          Dense.multAdd(uN, qt, a); //                 + U_n s
        }
      }
      Activations.tanh(a); //                          n_t
      final double[] zv = z[t].data, nv = a.data, out = h[t].data;
      for (int k = 0; k < size; k++) {
        int p = at + k;
        out[p] = (1 - zv[p]) * nv[p] + zv[p] * hv[hAt + k]; // h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
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
      MatrixView hPrevious = t > 0 ? h[t - 1] : start.getOrZeros(0);
      MatrixView hOrNull = t > 0 ? hPrevious : start.get(0);
      final int size = dh.size(), at = r[t].offset, hAt = hPrevious.offset;
      final double[] rv = r[t].data, zv = z[t].data, nv = n[t].data, qv = q[t].data, hv = hPrevious.data;
      final double[] dhv = dh.data;
      dhPrevious.fill(0);
      for (int k = 0; k < size; k++) {
        int p = at + k;
        double dhk = dhv[dh.offset + k];
        daZ.data[k] = dhk * (hv[hAt + k] - nv[p]) * zv[p] * (1 - zv[p]); // da_z
        daN.data[k] = dhk * (1 - zv[p]) * (1 - nv[p] * nv[p]); //           da_n
        dhPrevious.data[dhPrevious.offset + k] = dhk * zv[p]; //            dh_{t-1} = dh_t ⊙ z_t + …
      }
      x.addWeightGradient(t, daN, dWn); //                                    dW_n += da_n x_tᵀ
      x.addInputGradient(t, wN, daN); //                                      dx_t += W_nᵀ da_n (a layer below)
      Dense.addColumnSums(daN, dbN); //                                       db_n += Σ da_n
      if (resetGate == ResetGate.AFTER) {
        for (int k = 0; k < size; k++) {
          int p = at + k;
          daR.data[k] = daN.data[k] * qv[p] * rv[p] * (1 - rv[p]); //        da_r = (da_n ⊙ q) ⊙ r(1 − r)
          dq.data[k] = daN.data[k] * rv[p]; //                               dq = da_n ⊙ r_t
        }
        Dense.addColumnSums(dq, dbUn); //                                     db_un += Σ dq
        if (hOrNull != null) {
          candidateGradient.add(dq, hPrevious); //                           dU_n += dq h_{t-1}ᵀ
          Dense.multAddTransA(uN, dq, dhPrevious); //                         dh_{t-1} += U_nᵀ dq
        }
      } else {
        if (hOrNull != null) {
          candidateGradient.add(daN, q[t]); //                               dU_n += da_n sᵀ
        }
        dq.fill(0);
        Dense.multAddTransA(uN, daN, dq); //                                  ds = U_nᵀ da_n
        for (int k = 0; k < size; k++) {
          int p = at + k;
          daR.data[k] = dq.data[k] * hv[hAt + k] * rv[p] * (1 - rv[p]); //   da_r = (ds ⊙ h_{t-1}) ⊙ r(1 − r)
          dhPrevious.data[dhPrevious.offset + k] += dq.data[k] * rv[p]; //   dh_{t-1} += ds ⊙ r_t
        }
      }
      reset.backward(x, t, daR, hOrNull, dhPrevious); //                     dW_r, dU_r, db_r; dh_{t-1} += U_rᵀ da_r
      update.backward(x, t, daZ, hOrNull, dhPrevious); //                    dW_z, dU_z, db_z; dh_{t-1} += U_zᵀ da_z
      if (t == 0) {
        candidateGradient.flush();
      }
    }
  }
}
