package org.rnnlab.testkit;

import java.util.List;
import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.StartState;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StepInputs;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * Minimal, independent components for contract tests, so that a plugin's test never depends on
 * another plugin: a uniform initializer, a squared-error loss and a task of random sequences.
 */
public final class TestComponents {
  private TestComponents() {}

  /** Fills weights from U[−scale, scale]. */
  public static Initializer uniform(double scale) {
    return (MatrixView w, RandomGenerator random) -> {
      for (int i = 0; i < w.rows; i++) {
        for (int j = 0; j < w.cols; j++) {
          w.set(i, j, scale * (2 * random.nextDouble() - 1));
        }
      }
    };
  }

  /**
   * L = ½ Σ_k (z_k − onehot(y)_k)² per column with a target; ∂L/∂z = z − onehot(y). Written
   * plainly so that it is obviously right.
   */
  public static Loss squaredError() {
    return (MatrixView z, SequenceBatch batch, int t, double scale, MatrixView gradient) -> {
      double total = 0;
      for (int b = 0; b < z.cols; b++) {
        int y = batch.target(t, b);
        for (int k = 0; k < z.rows; k++) {
          double diff = y == SequenceBatch.NO_TARGET ? 0 : z.get(k, b) - (k == y ? 1 : 0);
          total += 0.5 * diff * diff;
          if (gradient != null) {
            gradient.set(k, b, scale * diff);
          }
        }
      }
      return total;
    };
  }

  /**
   * A plain cell to stack the cell under test with: h_t = tanh(W x_t + U h_{t-1}), written out
   * here so that a cell's contract depends on no other plugin.
   */
  public static Cell tanhCell() {
    return new Cell() {
      @Override
      public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
        return List.of(ParameterSpec.inputWeights("W", hiddenSize, inputSize),
            ParameterSpec.recurrentWeights("U", hiddenSize, hiddenSize));
      }

      @Override
      public Unrolled unroll(Parameters p, Parameters g, int hidden, int maxSteps, int batch) {
        MatrixView w = p.view("W"), u = p.view("U"), dW = g.view("W"), dU = g.view("U");
        MatrixView[] h = MatrixView.stack(maxSteps, hidden, batch);
        MatrixView da = MatrixView.zeros(hidden, batch);
        StartState start = new StartState(1, hidden, batch);
        return new Unrolled() {
          @Override
          public void startFrom(MatrixView[] state) {
            start.set(state);
          }

          @Override
          public void forward(int t, StepInputs x) {
            MatrixView previous = t > 0 ? h[t - 1] : start.getOrZeros(0);
            h[t].fill(0);
            x.addProduct(t, w, h[t]); //                  W x_t
            org.rnnlab.math.Dense.multAdd(u, previous, h[t]); // + U h_{t-1}
            for (int i = 0; i < h[t].size(); i++) {
              h[t].data[h[t].offset + i] = Math.tanh(h[t].data[h[t].offset + i]);
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
            MatrixView previous = t > 0 ? h[t - 1] : start.getOrZeros(0);
            for (int i = 0; i < da.size(); i++) { // da = dh ⊙ (1 − h_t²)
              double y = h[t].data[h[t].offset + i];
              da.data[i] = dh.data[dh.offset + i] * (1 - y * y);
            }
            x.addWeightGradient(t, da, dW);
            x.addInputGradient(t, w, da);
            org.rnnlab.math.Dense.multAddTransB(da, previous, dU);
            dhPrevious.fill(0);
            org.rnnlab.math.Dense.multAddTransA(u, da, dhPrevious);
          }
        };
      }
    };
  }

  /**
   * Random sequences of {@code shape}: symbols or values in [−1, 1], a random target at every
   * position except every third one (no target there), every position with a target scored.
   */
  public static Task randomTask(TaskShape shape) {
    return new Task() {
      @Override
      public TaskShape shape() {
        return shape;
      }

      @Override
      public void sample(SequenceBatch batch, RandomGenerator random) {
        batch.clear();
        for (int t = 0; t < shape.steps(); t++) {
          for (int b = 0; b < batch.batchSize(); b++) {
            if (shape.symbolInputs()) {
              batch.setSymbol(t, b, random.nextInt(shape.inputSize()));
            } else {
              MatrixView x = batch.inputValues(t);
              for (int i = 0; i < shape.inputSize(); i++) {
                x.set(i, b, 2 * random.nextDouble() - 1);
              }
            }
            boolean hasTarget = (t + b) % 3 != 2;
            batch.setTarget(t, b, hasTarget ? random.nextInt(shape.outputSize()) : SequenceBatch.NO_TARGET);
            batch.setScored(t, b, hasTarget);
          }
        }
      }
    };
  }
}
