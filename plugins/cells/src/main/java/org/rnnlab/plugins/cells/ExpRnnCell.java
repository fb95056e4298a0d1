package org.rnnlab.plugins.cells;

import java.util.List;
import java.util.random.RandomGenerator;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixExponential;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.OuterProducts;
import org.rnnlab.nn.StartState;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/**
 * The orthogonal RNN of Lezcano-Casado &amp; Martínez-Rubio (2019), expRNN: the recurrent matrix is
 * the exponential of a skew-symmetric matrix, so it stays exactly orthogonal however training
 * moves its parameters, and a gradient passes through it with its norm unchanged.
 *
 * <pre>
 * parameters  W: H×X,  A: the strict upper triangle of S (H(H−1)/2 values, row by row),  b: H×1
 * recurrence  U = exp(S − Sᵀ)                                 orthogonal: UᵀU = I
 * forward     z_t = W x_t + U h_{t-1},   h_t = modReLU(z_t) = sign(z_t) ⊙ max(|z_t| + b, 0)
 * backward    dz_t = dh_t ⊙ [h_t ≠ 0],   db += Σ_batch dh_t ⊙ sign(h_t)
 *             dW += dz_t x_tᵀ,  dU += dz_t h_{t-1}ᵀ,  dh_{t-1} = Uᵀ dz_t
 *             after step 0:  G = dU (the whole sequence's),  D = L(Sᵀ − S, G)   (Fréchet derivative of exp)
 *                            dA_ij += D_ij − D_ji  for i &lt; j
 * </pre>
 *
 * modReLU is the nonlinearity of Arjovsky, Shah &amp; Bengio (2016) for real inputs: it keeps the
 * sign and shrinks the magnitude by the learned b (a unit is off while |z| ≤ −b). When a unit is
 * on, h ≠ 0 and sign(h) = sign(z), so the backward needs only h. U is computed once per forward
 * pass (at step 0) and dA once per backward pass, after step 0, through {@link MatrixExponential}.
 *
 * <p>The initializations of A are those of the paper's code: Henaff et al. (2016) — 2×2 blocks
 * [[0, s], [−s, 0]] on the diagonal with s uniform in [−π, π], rotations of random angles, made
 * for the copy task — and Cayley — s = −√((1 − cos x)/(1 + cos x)), x uniform in [0, π/2].
 */
public final class ExpRnnCell implements Cell {

  /** How A starts: 2×2 rotation blocks of random angles. */
  public enum Init {
    /** s uniform in [−π, π] (Henaff, Szlam &amp; LeCun 2016). */
    HENAFF,
    /** s = −√((1 − cos x)/(1 + cos x)), x uniform in [0, π/2] (the expRNN paper's Cayley init). */
    CAYLEY
  }

  /** Settings of {@code cell: exprnn}. */
  public record Settings(
      @Setting(value = "how the skew-symmetric A starts: 2×2 rotation blocks, henaff (angles in [−π, π],"
          + " for the copy task) or cayley", defaultValue = "henaff")
      Init init) {}

  private final Init init;

  public ExpRnnCell(Settings settings) {
    this.init = settings.init();
  }

  @Override
  public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
    if (hiddenSize < 2) {
      throw new IllegalArgumentException("an exprnn layer needs at least 2 units, not " + hiddenSize);
    }
    return List.of(
        ParameterSpec.inputWeights("W", hiddenSize, inputSize),
        ParameterSpec.cellInitialized("A", hiddenSize * (hiddenSize - 1) / 2, 1),
        ParameterSpec.bias("b", hiddenSize, 0));
  }

  /** A's 2×2 blocks [[0, s], [−s, 0]] along the diagonal (a last odd unit keeps 0). */
  @Override
  public void initialize(Parameters layer, int inputSize, int hiddenSize, RandomGenerator random) {
    MatrixView a = layer.view("A");
    a.fill(0);
    for (int m = 0; m + 1 < hiddenSize; m += 2) {
      double s;
      if (init == Init.HENAFF) {
        s = Math.PI * (2 * random.nextDouble() - 1);
      } else {
        double x = Math.PI / 2 * random.nextDouble();
        s = -Math.sqrt((1 - Math.cos(x)) / (1 + Math.cos(x)));
      }
      a.data[a.offset + upper(m, m + 1, hiddenSize)] = s;
    }
  }

  /** The index of entry (i, j), i &lt; j, of the strict upper triangle read row by row. */
  static int upper(int i, int j, int n) {
    return i * (2 * n - i - 1) / 2 + (j - i - 1);
  }

  /** U = exp(S − Sᵀ) for A's values (H(H−1)/2, as laid out), into a new H×H matrix. */
  public static MatrixView recurrentMatrix(MatrixView a, int hiddenSize) {
    MatrixView skew = MatrixView.zeros(hiddenSize, hiddenSize);
    fillSkew(a, skew);
    MatrixView u = MatrixView.zeros(hiddenSize, hiddenSize);
    new MatrixExponential(hiddenSize).exp(skew, u);
    return u;
  }

  private static void fillSkew(MatrixView a, MatrixView skew) {
    int n = skew.rows, k = a.offset;
    for (int i = 0; i < n; i++) {
      skew.data[i * n + i] = 0;
      for (int j = i + 1; j < n; j++, k++) {
        skew.data[i * n + j] = a.data[k];
        skew.data[j * n + i] = -a.data[k];
      }
    }
  }

  @Override
  public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
    return new Steps(parameters, gradients, hiddenSize, MatrixView.stack(maxSteps, hiddenSize, batchSize),
        new StartState(1, hiddenSize, batchSize));
  }

  private static final class Steps implements Unrolled {
    private final MatrixView w, a, b, dW, dA, db;
    private final MatrixView[] h; // h_t, H×B
    private final StartState start; // h_{-1}
    private final MatrixView skew, u, dU, dSkew; // S − Sᵀ, U, dL/dU, dL/d(S − Sᵀ): H×H
    private final MatrixExponential exponential;
    private final OuterProducts recurrentGradient; // dU's terms dz_t h_{t-1}ᵀ

    Steps(Parameters parameters, Parameters gradients, int hiddenSize, MatrixView[] h, StartState start) {
      w = parameters.view("W");
      a = parameters.view("A");
      b = parameters.view("b");
      dW = gradients.view("W");
      dA = gradients.view("A");
      db = gradients.view("b");
      this.h = h;
      this.start = start;
      skew = MatrixView.zeros(hiddenSize, hiddenSize);
      u = MatrixView.zeros(hiddenSize, hiddenSize);
      dU = MatrixView.zeros(hiddenSize, hiddenSize);
      dSkew = MatrixView.zeros(hiddenSize, hiddenSize);
      exponential = new MatrixExponential(hiddenSize);
      recurrentGradient = new OuterProducts(dU, h[0].cols);
    }

    @Override
    public void startFrom(MatrixView[] state) {
      start.set(state);
    }

    @Override
    public void forward(int t, StepInputs inputs) {
      if (t == 0) { // a new pass: the parameters may have changed since the last one
        fillSkew(a, skew);
        exponential.exp(skew, u);
        dU.fill(0);
      }
      MatrixView z = h[t]; // z_t is computed in place of h_t
      z.fill(0);
      inputs.addProduct(t, w, z); //                    z_t = W x_t + U h_{t-1}
      MatrixView previous = t > 0 ? h[t - 1] : start.get(0);
      if (previous != null) {
        Dense.multAdd(u, previous, z);
      }
      double[] y = z.data, bias = b.data;
      int cols = z.cols;
      for (int i = 0; i < z.rows; i++) { //            h_t = sign(z_t) ⊙ max(|z_t| + b, 0)
        double bi = bias[b.offset + i];
        for (int k = z.offset + i * cols, end = k + cols; k < end; k++) {
          double magnitude = Math.abs(y[k]) + bi;
          y[k] = magnitude > 0 ? Math.copySign(magnitude, y[k]) : 0;
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
      MatrixView dz = dh; // dz_t overwrites dh_t
      double[] g = dz.data, y = ht.data;
      int cols = ht.cols;
      for (int i = 0; i < ht.rows; i++) { // dz = dh ⊙ [h ≠ 0],  db += Σ dh ⊙ sign(h)
        double sum = 0;
        for (int c = 0; c < cols; c++) {
          int k = ht.offset + i * cols + c, kg = dz.offset + i * cols + c;
          double hi = y[k];
          if (hi == 0) {
            g[kg] = 0;
          } else {
            sum += hi > 0 ? g[kg] : -g[kg];
          }
        }
        db.data[db.offset + i] += sum;
      }
      inputs.addWeightGradient(t, dz, dW);
      inputs.addInputGradient(t, w, dz);
      dhPrevious.fill(0);
      MatrixView previous = t > 0 ? h[t - 1] : start.get(0);
      if (previous != null) {
        recurrentGradient.add(dz, previous); //                     dU += dz h_{t-1}ᵀ
        Dense.multAddTransA(u, dz, dhPrevious); //                 dh_{t-1} = Uᵀ dz
      }
      if (t == 0) { // the whole pass's dU is in: through exp to the skew matrix, then to A
        recurrentGradient.flush();
        exponential.gradient(skew, dU, dSkew);
        int n = skew.rows, k = dA.offset;
        for (int i = 0; i < n; i++) {
          for (int j = i + 1; j < n; j++, k++) {
            dA.data[k] += dSkew.data[i * n + j] - dSkew.data[j * n + i];
          }
        }
      }
    }
  }
}
