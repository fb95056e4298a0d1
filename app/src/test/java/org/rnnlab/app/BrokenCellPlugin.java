package org.rnnlab.app;

import java.util.List;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.PluginModule;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

/**
 * A test-only cell whose backward is deliberately wrong: the README's linear cell with the
 * gradient through time scaled by (1 + error). The gradient check must catch it.
 */
public final class BrokenCellPlugin extends PluginModule {

  /** Settings of the broken cell. */
  public record Settings(@Setting(value = "relative error put into dh_{t-1}", defaultValue = "0.01") double error) {}

  @Override
  protected void configure() {
    register(Cell.class, "broken-test", "a linear cell with a wrong backward (test only)", Settings.class,
        BrokenCell::new);
  }

  static final class BrokenCell implements Cell {
    private final Cell inner = new LinearCell(new LinearCell.Settings(0.9));
    private final double error;

    BrokenCell(Settings settings) {
      this.error = settings.error();
    }

    @Override
    public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
      return inner.parameters(inputSize, hiddenSize);
    }

    @Override
    public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
      Unrolled real = inner.unroll(parameters, gradients, hiddenSize, maxSteps, batchSize);
      return new Unrolled() {
        @Override
        public void startFrom(MatrixView[] state) {
          real.startFrom(state);
        }

        @Override
        public void forward(int t, StepInputs inputs) {
          real.forward(t, inputs);
        }

        @Override
        public MatrixView output(int t) {
          return real.output(t);
        }

        @Override
        public MatrixView state(int k, int t) {
          return real.state(k, t);
        }

        @Override
        public void backward(int t, StepInputs inputs, MatrixView dh, MatrixView dhPrevious) {
          real.backward(t, inputs, dh, dhPrevious);
          for (int i = 0; i < dhPrevious.size(); i++) {
            dhPrevious.data[dhPrevious.offset + i] *= 1 + error;
          }
        }
      };
    }
  }
}
