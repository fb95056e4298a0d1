package org.rnnlab.plugins.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.CellContract;
import org.rnnlab.testkit.TestComponents;

class ExpRnnCellTest {

  @Nested
  class Henaff extends CellContract {
    @Override
    protected Cell cell() {
      return new ExpRnnCell(new ExpRnnCell.Settings(ExpRnnCell.Init.HENAFF));
    }
  }

  @Nested
  class Cayley extends CellContract {
    @Override
    protected Cell cell() {
      return new ExpRnnCell(new ExpRnnCell.Settings(ExpRnnCell.Init.CAYLEY));
    }
  }

  @Test
  void upperTriangleIsReadRowByRow() {
    int n = 5, k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        assertEquals(k++, ExpRnnCell.upper(i, j, n));
      }
    }
    assertEquals(n * (n - 1) / 2, k);
  }

  @Test
  void forwardRotatesByTheGeneratorsAngle() {
    // H = 2: A = [s], U = exp([[0, s], [−s, 0]]) = [[cos s, sin s], [−sin s, cos s]]; b = 0 makes
    // modReLU the identity, so h_1 = W x_1 + U h_0 with h_0 = W x_0.
    TaskShape shape = new TaskShape(2, 3, true, 2);
    Network network = new Network(cell(ExpRnnCell.Init.HENAFF), shape, 2);
    Parameters p = network.parameters();
    double s = 0.7;
    set(p.view("W"), 0.1, -0.2, 0.3, 0.4, 0.5, -0.6);
    p.view("A").data[p.view("A").offset] = s;
    SequenceBatch batch = new SequenceBatch(shape, 1);
    batch.setSymbol(0, 0, 2);
    batch.setSymbol(1, 0, 0);
    Network.Unrolled unrolled = network.unroll(1);
    unrolled.forward(batch);
    double h0 = 0.3, h1 = -0.6;
    assertEquals(0.1 + Math.cos(s) * h0 + Math.sin(s) * h1, unrolled.hidden(1).get(0, 0), 1e-15);
    assertEquals(0.4 - Math.sin(s) * h0 + Math.cos(s) * h1, unrolled.hidden(1).get(1, 0), 1e-15);
  }

  @Test
  void modReluShrinksMagnitudesAndSwitchesUnitsOff() {
    // H = 2, one step: z = W x_0; b = (−0.25, −0.5): h = sign(z) max(|z| + b, 0).
    TaskShape shape = new TaskShape(1, 2, true, 2);
    Network network = new Network(cell(ExpRnnCell.Init.HENAFF), shape, 2);
    Parameters p = network.parameters();
    set(p.view("W"), -0.75, 0.1, 0.3, 0.2);
    set(p.view("b"), -0.25, -0.5);
    SequenceBatch batch = new SequenceBatch(shape, 1);
    batch.setSymbol(0, 0, 0);
    Network.Unrolled unrolled = network.unroll(1);
    unrolled.forward(batch);
    assertEquals(-0.5, unrolled.hidden(0).get(0, 0), 1e-15);
    assertEquals(0.0, unrolled.hidden(0).get(1, 0));
  }

  @Test
  void initializationsAreRotationBlocksOfTheirRanges() {
    for (ExpRnnCell.Init init : ExpRnnCell.Init.values()) {
      int n = 9;
      Network network = new Network(cell(init), new TaskShape(3, 4, true, 4), n);
      network.initialize(TestComponents.uniform(0.5), TestComponents.uniform(0.5), SplitMix64.derive(1, "init"));
      MatrixView a = network.parameters().view("A");
      int blocks = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double value = a.data[a.offset + ExpRnnCell.upper(i, j, n)];
          if (i % 2 == 0 && j == i + 1) {
            blocks++;
            assertTrue(init == ExpRnnCell.Init.HENAFF ? Math.abs(value) <= Math.PI && value != 0
                : value < 0 && value >= -1, init + ": s = " + value);
          } else {
            assertEquals(0.0, value, init + " at " + i + "," + j);
          }
        }
      }
      assertEquals(4, blocks);
    }
  }

  /**
   * Plain SGD on random sequences moves A far from where it started, and U = exp(S − Sᵀ) stays
   * orthogonal to 1e-12 all the while.
   */
  @Test
  void recurrenceStaysOrthogonalWhileTraining() {
    int n = 24;
    TaskShape shape = new TaskShape(20, 5, true, 5);
    Network network = new Network(cell(ExpRnnCell.Init.HENAFF), shape, n);
    network.initialize(TestComponents.uniform(0.3), TestComponents.uniform(0.3), SplitMix64.derive(2, "init"));
    Parameters parameters = network.parameters();
    MatrixView a = parameters.view("A");
    double[] start = java.util.Arrays.copyOfRange(a.data, a.offset, a.offset + a.size());
    Network.Unrolled unrolled = network.unroll(8);
    SequenceBatch batch = new SequenceBatch(shape, 8);
    SplitMix64 data = SplitMix64.derive(2, "data");
    for (int step = 1; step <= 300; step++) {
      TestComponents.randomTask(shape).sample(batch, data);
      unrolled.lossAndGradient(batch, TestComponents.squaredError());
      double[] values = parameters.values(), gradients = network.gradients().values();
      for (int i = 0; i < values.length; i++) {
        values[i] -= 0.05 * gradients[i];
      }
      if (step % 100 == 0) {
        double error = orthogonalityError(ExpRnnCell.recurrentMatrix(a, n));
        assertTrue(error < 1e-12, "step " + step + ": ‖UᵀU − I‖_max = " + error);
      }
    }
    double moved = 0;
    for (int k = 0; k < start.length; k++) {
      moved = Math.max(moved, Math.abs(a.data[a.offset + k] - start[k]));
    }
    assertTrue(moved > 0.05, "A moved only " + moved);
  }

  @Test
  void refusesALayerOfOneUnit() {
    assertThrows(IllegalArgumentException.class, () -> cell(ExpRnnCell.Init.HENAFF).parameters(3, 1));
  }

  private static Cell cell(ExpRnnCell.Init init) {
    return new ExpRnnCell(new ExpRnnCell.Settings(init));
  }

  private static void set(MatrixView m, double... values) {
    for (int k = 0; k < values.length; k++) {
      m.data[m.offset + k] = values[k];
    }
  }

  static double orthogonalityError(MatrixView u) {
    int n = u.rows;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += u.get(k, i) * u.get(k, j);
        }
        worst = Math.max(worst, Math.abs(sum - (i == j ? 1 : 0)));
      }
    }
    return worst;
  }
}
