package org.rnnlab.plugins.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.LossContract;

class SoftmaxCrossEntropyTest extends LossContract {

  @Override
  protected Loss loss() {
    return new SoftmaxCrossEntropy(new SoftmaxCrossEntropy.Settings());
  }

  @Test
  void valueAndGradientByHand() {
    // One column, logits (1, 2, 3), target 2: p = e^z / Σe^z, loss = −log p_2.
    SequenceBatch batch = new SequenceBatch(new TaskShape(1, 1, true, 3), 1);
    batch.setTarget(0, 0, 2);
    MatrixView z = new MatrixView(new double[] {1, 2, 3}, 0, 3, 1);
    MatrixView g = MatrixView.zeros(3, 1);
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertEquals(-Math.log(Math.exp(3) / sum), loss().lossAndGradient(z, batch, 0, 0.5, g), 1e-15);
    assertEquals(0.5 * Math.exp(1) / sum, g.get(0, 0), 1e-15);
    assertEquals(0.5 * Math.exp(2) / sum, g.get(1, 0), 1e-15);
    assertEquals(0.5 * (Math.exp(3) / sum - 1), g.get(2, 0), 1e-15);
  }

  @Test
  void uniformLogitsCostLogK() {
    SequenceBatch batch = new SequenceBatch(new TaskShape(1, 1, true, 10), 2);
    batch.setTarget(0, 0, 4);
    batch.setTarget(0, 1, 9);
    assertEquals(2 * Math.log(10), loss().lossAndGradient(MatrixView.zeros(10, 2), batch, 0, 1, null), 1e-14);
  }
}
