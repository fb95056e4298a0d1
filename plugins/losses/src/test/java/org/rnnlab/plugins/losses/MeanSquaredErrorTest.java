package org.rnnlab.plugins.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.LossContract;

class MeanSquaredErrorTest extends LossContract {

  @Override
  protected Loss loss() {
    return new MeanSquaredError(new MeanSquaredError.Settings());
  }

  @Override
  protected boolean classTargets() {
    return false;
  }

  @Test
  void valueAndGradientByHand() {
    SequenceBatch batch = new SequenceBatch(new TaskShape(1, 2, false, 2, false), 2);
    batch.setTargetValue(0, 0, 0, 1.0);
    batch.setTargetValue(0, 0, 1, -1.0);
    MatrixView z = new MatrixView(new double[] {1.5, 7, -0.5, 7}, 0, 2, 2); // column 1 has no target
    MatrixView g = MatrixView.zeros(2, 2);
    assertEquals(0.25 + 0.25, loss().lossAndGradient(z, batch, 0, 0.5, g), 1e-15);
    assertEquals(0.5 * 2 * 0.5, g.get(0, 0), 1e-15);
    assertEquals(0.5 * 2 * 0.5, g.get(1, 0), 1e-15);
    assertEquals(0.0, g.get(0, 1));
    assertEquals(0.0, g.get(1, 1));
  }
}
