package org.rnnlab.app;

import java.util.List;
import org.rnnlab.config.Setting;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.Parameters;
import org.rnnlab.nn.SequenceBatch;
import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;

/**
 * A plugin that exists only in test code, registered through {@code
 * META-INF/services/org.rnnlab.plugin.PluginModule} like any other: the cell {@code tiny-test},
 * h_t = scale · (W x_t + h_{t-1}), linear, without a recurrent matrix.
 */
public final class TinyCellPlugin extends PluginModule {

  /** Settings of the tiny cell. */
  public record Settings(@Setting(value = "the factor applied to each step", defaultValue = "0.5", min = 0, max = 1)
      double scale) {}

  @Override
  protected void configure() {
    register(Cell.class, "tiny-test", "a linear cell defined in test code", Settings.class, TinyCell::new);
  }

  static final class TinyCell implements Cell {
    private final double scale;

    TinyCell(Settings settings) {
      this.scale = settings.scale();
    }

    @Override
    public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
      return List.of(ParameterSpec.inputWeights("W", hiddenSize, inputSize));
    }

    @Override
    public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
      MatrixView w = parameters.view("W"), dW = gradients.view("W");
      MatrixView[] h = new MatrixView[maxSteps];
      for (int t = 0; t < maxSteps; t++) {
        h[t] = MatrixView.zeros(hiddenSize, batchSize);
      }
      return new Unrolled() {
        @Override
        public void forward(int t, SequenceBatch inputs) {
          h[t].fill(0);
          inputs.addInputProduct(t, w, h[t]);
          for (int i = 0; i < h[t].size(); i++) {
            h[t].data[i] = scale * (h[t].data[i] + (t > 0 ? h[t - 1].data[i] : 0));
          }
        }

        @Override
        public MatrixView output(int t) {
          return h[t];
        }

        @Override
        public void backward(int t, SequenceBatch inputs, MatrixView dh, MatrixView dhPrevious) {
          for (int i = 0; i < dh.size(); i++) {
            dh.data[dh.offset + i] *= scale;
            dhPrevious.data[dhPrevious.offset + i] = dh.data[dh.offset + i];
          }
          inputs.addInputGradient(t, dh, dW);
        }
      };
    }
  }
}
