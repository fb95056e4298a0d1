package org.rnnlab.plugins.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.GradientCheck;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StepInputs;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.CellContract;

class RnnCellTest {

  @Nested
  class Tanh extends CellContract {
    @Override
    protected Cell cell() {
      return new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH));
    }
  }

  @Nested
  class Relu extends CellContract {
    @Override
    protected Cell cell() {
      return new RnnCell(new RnnCell.Settings(RnnCell.Activation.RELU));
    }
  }

  @Test
  void forwardComputesTheElmanEquationByHand() {
    // H = 2, X = 3 symbols, B = 1, T = 2: h_0 = tanh(W[:, x_0] + b), h_1 = tanh(W[:, x_1] + U h_0 + b).
    TaskShape shape = new TaskShape(2, 3, true, 2);
    Network network = new Network(new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH)), shape, 2);
    Parameters p = network.parameters();
    set(p.view("W"), 0.1, -0.2, 0.3, 0.4, 0.5, -0.6);
    set(p.view("U"), 0.7, -0.8, 0.9, 1.0);
    set(p.view("b"), 0.05, -0.05);
    SequenceBatch batch = new SequenceBatch(shape, 1);
    batch.setSymbol(0, 0, 2);
    batch.setSymbol(1, 0, 0);
    Network.Unrolled unrolled = network.unroll(1);
    unrolled.forward(batch);
    double h00 = Math.tanh(0.3 + 0.05), h01 = Math.tanh(-0.6 - 0.05);
    assertEquals(h00, unrolled.hidden(0).get(0, 0), 1e-15);
    assertEquals(h01, unrolled.hidden(0).get(1, 0), 1e-15);
    assertEquals(Math.tanh(0.1 + 0.7 * h00 - 0.8 * h01 + 0.05), unrolled.hidden(1).get(0, 0), 1e-15);
    assertEquals(Math.tanh(0.4 + 0.9 * h00 + 1.0 * h01 - 0.05), unrolled.hidden(1).get(1, 0), 1e-15);
  }

  @Test
  void reluClampsNegativePreActivationsToZero() {
    TaskShape shape = new TaskShape(1, 2, true, 2);
    Network network = new Network(new RnnCell(new RnnCell.Settings(RnnCell.Activation.RELU)), shape, 2);
    set(network.parameters().view("W"), 1.5, 0, -1.5, 0);
    SequenceBatch batch = new SequenceBatch(shape, 1);
    batch.setSymbol(0, 0, 0);
    Network.Unrolled unrolled = network.unroll(1);
    unrolled.forward(batch);
    assertEquals(1.5, unrolled.hidden(0).get(0, 0));
    assertEquals(0.0, unrolled.hidden(0).get(1, 0));
  }

  @Test
  void declaresWUAndBWithTheirInitializerKinds() {
    List<ParameterSpec> specs = new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH)).parameters(7, 5);
    assertEquals(List.of(ParameterSpec.inputWeights("W", 5, 7), ParameterSpec.recurrentWeights("U", 5, 5),
        ParameterSpec.bias("b", 5, 0)), specs);
  }

  /** The contract must be able to fail: a backward that is 1% off through time is caught. */
  @Test
  void theContractCatchesAWrongBackward() {
    Cell broken = new Cell() {
      final Cell real = new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH));

      @Override
      public List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
        return real.parameters(inputSize, hiddenSize);
      }

      @Override
      public Unrolled unroll(Parameters parameters, Parameters gradients, int hiddenSize, int maxSteps, int batchSize) {
        Unrolled inner = real.unroll(parameters, gradients, hiddenSize, maxSteps, batchSize);
        return new Unrolled() {
          @Override
          public void startFrom(MatrixView[] state) {
            inner.startFrom(state);
          }

          @Override
          public void forward(int t, StepInputs inputs) {
            inner.forward(t, inputs);
          }

          @Override
          public MatrixView output(int t) {
            return inner.output(t);
          }

          @Override
          public MatrixView state(int k, int t) {
            return inner.state(k, t);
          }

          @Override
          public void backward(int t, StepInputs inputs, MatrixView dh, MatrixView dhPrevious) {
            inner.backward(t, inputs, dh, dhPrevious);
            for (int i = 0; i < dhPrevious.size(); i++) {
              dhPrevious.data[dhPrevious.offset + i] *= 1.01;
            }
          }
        };
      }
    };
    GradientCheck.Entry worst = CellContract.worst(CellContract.check(broken, 0.5, 2, true, 7));
    assertTrue(worst.relativeError(CellContract.FLOOR) > 1e-3, "a 1% error through time went unnoticed: " + worst);
  }

  @Test
  void gradientCheckHoldsForALongerSequenceWithBiggerWeights() {
    // Larger weights drive tanh towards saturation, where 1 − h² is small and errors would show.
    GradientCheck.Entry worst = CellContract.worst(
        CellContract.check(new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH)), 1.2, 3, true, 11));
    assertTrue(worst.relativeError(CellContract.FLOOR) < CellContract.MAX_RELATIVE_ERROR, worst.toString());
  }

  private static void set(MatrixView view, double... values) {
    for (int i = 0; i < values.length; i++) {
      view.data[view.offset + i] = values[i];
    }
  }

}
