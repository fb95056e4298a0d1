package org.rnnlab.plugins.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.CellContract;
import org.rnnlab.testkit.TestComponents;

class GatedCellsTest {

  @Nested
  class Lstm extends CellContract {
    @Override
    protected Cell cell() {
      return new LstmCell(new LstmCell.Settings(1.0));
    }
  }

  @Nested
  class GruResetAfter extends CellContract {
    @Override
    protected Cell cell() {
      return new GruCell(new GruCell.Settings(GruCell.ResetGate.AFTER));
    }
  }

  @Nested
  class GruResetBefore extends CellContract {
    @Override
    protected Cell cell() {
      return new GruCell(new GruCell.Settings(GruCell.ResetGate.BEFORE));
    }
  }

  @Test
  void lstmHasOneNamedMatrixPerGateAndItsForgetBias() {
    List<ParameterSpec> specs = new LstmCell(new LstmCell.Settings(2.5)).parameters(3, 4);
    assertEquals(List.of("W_i", "U_i", "b_i", "W_f", "U_f", "b_f", "W_o", "U_o", "b_o", "W_g", "U_g", "b_g"),
        specs.stream().map(ParameterSpec::name).toList());
    assertEquals(2.5, specs.get(5).biasValue());
    assertEquals(ParameterSpec.Kind.RECURRENT_WEIGHTS, specs.get(4).kind());
  }

  @Test
  void lstmForwardByHandForOneUnit() {
    // H = 1, one symbol input with weight w_k per gate, no recurrence at t = 0.
    TaskShape shape = new TaskShape(1, 1, true, 1);
    Network network = new Network(new LstmCell(new LstmCell.Settings(1.0)), shape, 1);
    Parameters p = network.parameters();
    network.initialize(TestComponents.uniform(0), TestComponents.uniform(0), org.rnnlab.math.SplitMix64.derive(1, "init"));
    assertEquals(1.0, p.view("b_f").get(0, 0), "the forget bias starts at forget_bias");
    p.view("W_i").set(0, 0, 0.5);
    p.view("W_f").set(0, 0, -0.3);
    p.view("W_o").set(0, 0, 0.2);
    p.view("W_g").set(0, 0, 0.7);
    SequenceBatch batch = new SequenceBatch(shape, 1);
    Network.Unrolled unrolled = network.unroll(1);
    unrolled.forward(batch);
    double i = sigma(0.5), o = sigma(0.2), g = Math.tanh(0.7);
    double c = i * g; // c_{-1} = 0, so the forget gate does not matter at t = 0
    assertEquals(o * Math.tanh(c), unrolled.hidden(0).get(0, 0), 1e-15);
  }

  @Test
  void gruVariantsDifferOnlyInTheCandidate() {
    assertEquals(10, new GruCell(new GruCell.Settings(GruCell.ResetGate.AFTER)).parameters(3, 4).size());
    assertEquals(9, new GruCell(new GruCell.Settings(GruCell.ResetGate.BEFORE)).parameters(3, 4).size());
  }

  @Test
  void gruWithASaturatedUpdateGateCopiesItsState() {
    // z ≈ 1 (b_z = 40): h_t ≈ h_{t-1}; from h_{-1} = 0 the state stays 0.
    TaskShape shape = new TaskShape(5, 3, true, 2);
    Network network = new Network(new GruCell(new GruCell.Settings(GruCell.ResetGate.AFTER)), shape, 4);
    network.initialize(TestComponents.uniform(0.5), TestComponents.uniform(0.5),
        org.rnnlab.math.SplitMix64.derive(1, "init"));
    network.parameters().view("b_z").fill(40);
    SequenceBatch batch = new SequenceBatch(shape, 2);
    TestComponents.randomTask(shape).sample(batch, org.rnnlab.math.SplitMix64.derive(1, "data"));
    Network.Unrolled unrolled = network.unroll(2);
    unrolled.forward(batch);
    MatrixView last = unrolled.hidden(4);
    for (int k = 0; k < last.size(); k++) {
      assertTrue(Math.abs(last.data[last.offset + k]) < 1e-12);
    }
  }

  private static double sigma(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
