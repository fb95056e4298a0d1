package org.rnnlab.app;

import java.util.List;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.StartState;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/** The README's worked example of a cell plugin, verbatim (ReadmeTest checks that they agree). */
public final class LinearCell implements Cell {
  public record Settings(
      @Setting(value = "factor applied to the previous state", defaultValue = "0.9", min = 0, max = 1)
      double decay) {}

  private final double decay;

  public LinearCell(Settings settings) {
    this.decay = settings.decay();
  }

  @Override
  public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
    return List.of(ParameterSpec.inputWeights("W", hiddenSize, inputSize));
  }

  /** h_t = W x_t + decay · h_{t-1};  backward: dW += dh_t x_tᵀ, dx_t += Wᵀ dh_t, dh_{t-1} = decay · dh_t. */
  @Override
  public Unrolled unroll(Parameters p, Parameters g, int hidden, int maxSteps, int batch) {
    MatrixView w = p.view("W"), dW = g.view("W");
    MatrixView[] h = MatrixView.stack(maxSteps, hidden, batch);
    StartState start = new StartState(1, hidden, batch);
    return new Unrolled() {
      public void startFrom(MatrixView[] state) {
        start.set(state);
      }

      public void forward(int t, StepInputs x) {
        MatrixView previous = t > 0 ? h[t - 1] : start.getOrZeros(0);
        h[t].fill(0);
        x.addProduct(t, w, h[t]);                                  // W x_t (a gather for one-hot inputs)
        for (int i = 0; i < h[t].size(); i++) {
          h[t].data[h[t].offset + i] += decay * previous.data[previous.offset + i]; // + decay · h_{t-1}
        }
      }

      public MatrixView output(int t) {
        return h[t];
      }

      public MatrixView state(int k, int t) {
        return h[t];
      }

      public void backward(int t, StepInputs x, MatrixView dh, MatrixView dhPrevious) {
        x.addWeightGradient(t, dh, dW);                            // dW += dh_t x_tᵀ
        x.addInputGradient(t, w, dh);                              // dx_t += Wᵀ dh_t
        for (int i = 0; i < dh.size(); i++) {
          dhPrevious.data[dhPrevious.offset + i] = decay * dh.data[dh.offset + i];
        }
      }
    };
  }
}
