package org.rnnlab.app;

import java.util.List;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;

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

  /** h_t = W x_t + decay · h_{t-1};  backward: dW += dh_t x_tᵀ, dh_{t-1} = decay · dh_t. */
  @Override
  public Unrolled unroll(Parameters p, Parameters g, int hidden, int maxSteps, int batch) {
    MatrixView w = p.view("W"), dW = g.view("W");
    MatrixView[] h = new MatrixView[maxSteps];
    for (int t = 0; t < maxSteps; t++) {
      h[t] = MatrixView.zeros(hidden, batch);
    }
    return new Unrolled() {
      public void forward(int t, SequenceBatch x) {
        h[t].fill(0);
        x.addInputProduct(t, w, h[t]);                       // W x_t (a gather for one-hot inputs)
        for (int i = 0; t > 0 && i < h[t].size(); i++) {
          h[t].data[i] += decay * h[t - 1].data[i];         // + decay · h_{t-1}
        }
      }

      public MatrixView output(int t) {
        return h[t];
      }

      public void backward(int t, SequenceBatch x, MatrixView dh, MatrixView dhPrevious) {
        x.addInputGradient(t, dh, dW);                       // dW += dh_t x_tᵀ
        for (int i = 0; i < dh.size(); i++) {
          dhPrevious.data[dhPrevious.offset + i] = decay * dh.data[dh.offset + i];
        }
      }
    };
  }
}
