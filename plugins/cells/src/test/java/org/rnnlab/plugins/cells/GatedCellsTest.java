package org.rnnlab.plugins.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
  void lstmForwardFollowsItsEquationsOverSeveralSteps() {
    Forward run = forward(new LstmCell(new LstmCell.Settings(1.0)));
    double[][] h = new double[H][B], c = new double[H][B];
    for (int t = 0; t < T; t++) {
      double[][] hNext = new double[H][B];
      for (int b = 0; b < B; b++) {
        for (int k = 0; k < H; k++) {
          double i = sigma(run.affine("_i", k, b, t, h)), f = sigma(run.affine("_f", k, b, t, h));
          double o = sigma(run.affine("_o", k, b, t, h)), g = Math.tanh(run.affine("_g", k, b, t, h));
          c[k][b] = f * c[k][b] + i * g; //         c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
          hNext[k][b] = o * Math.tanh(c[k][b]); //  h_t = o_t ⊙ tanh(c_t)
        }
      }
      h = hNext;
      run.assertHidden(t, h);
    }
  }

  @Test
  void gruForwardFollowsItsEquationsOverSeveralSteps() {
    for (GruCell.ResetGate where : GruCell.ResetGate.values()) {
      Forward run = forward(new GruCell(new GruCell.Settings(where)));
      double[][] h = new double[H][B];
      for (int t = 0; t < T; t++) {
        double[][] r = new double[H][B], hNext = new double[H][B];
        for (int b = 0; b < B; b++) {
          for (int k = 0; k < H; k++) {
            r[k][b] = sigma(run.affine("_r", k, b, t, h));
          }
        }
        for (int b = 0; b < B; b++) {
          for (int k = 0; k < H; k++) {
            double z = sigma(run.affine("_z", k, b, t, h));
            double a = run.input("W_n", k, b, t) + run.p.view("b_n").get(k, 0);
            if (where == GruCell.ResetGate.AFTER) { // n_t = tanh(W_n x_t + b_n + r_t ⊙ (U_n h_{t-1} + b_un))
              a += r[k][b] * (run.recurrent("U_n", k, b, h) + run.p.view("b_un").get(k, 0));
            } else { //                                 n_t = tanh(W_n x_t + U_n (r_t ⊙ h_{t-1}) + b_n)
              double[][] rh = new double[H][B];
              for (int j = 0; j < H; j++) {
                rh[j][b] = r[j][b] * h[j][b];
              }
              a += run.recurrent("U_n", k, b, rh);
            }
            double n = Math.tanh(a);
            hNext[k][b] = (1 - z) * n + z * h[k][b]; // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
          }
        }
        h = hNext;
        run.assertHidden(t, h);
      }
    }
  }

  static final int T = 4, X = 3, H = 2, B = 2;

  /** A network of {@code cell} with random parameters, run forward on random dense inputs. */
  private static Forward forward(Cell cell) {
    TaskShape shape = new TaskShape(T, X, false, 2);
    Network network = new Network(cell, shape, H);
    network.initialize(TestComponents.uniform(0.8), TestComponents.uniform(0.8),
        org.rnnlab.math.SplitMix64.derive(7, "init"));
    for (var block : network.parameters().layout().blocks()) { // biases too, so that none sits at 0
      TestComponents.uniform(0.5).initialize(network.parameters().view(block), org.rnnlab.math.SplitMix64.derive(
          block.name().hashCode(), "bias"));
    }
    SequenceBatch batch = new SequenceBatch(shape, B);
    TestComponents.randomTask(shape).sample(batch, org.rnnlab.math.SplitMix64.derive(7, "data"));
    Network.Unrolled unrolled = network.unroll(B);
    unrolled.forward(batch);
    return new Forward(network.parameters(), batch, unrolled);
  }

  /** The parameters, inputs and outputs of one forward pass, read entry by entry. */
  private record Forward(Parameters p, SequenceBatch x, Network.Unrolled unrolled) {
    /** (W x_t)_k of column b. */
    double input(String w, int k, int b, int t) {
      double sum = 0;
      for (int j = 0; j < X; j++) {
        sum += p.view(w).get(k, j) * x.inputValues(t).get(j, b);
      }
      return sum;
    }

    /** (U h)_k of column b. */
    double recurrent(String u, int k, int b, double[][] h) {
      double sum = 0;
      for (int j = 0; j < H; j++) {
        sum += p.view(u).get(k, j) * h[j][b];
      }
      return sum;
    }

    /** (W_s x_t + U_s h_{t-1} + b_s)_k of column b. */
    double affine(String suffix, int k, int b, int t, double[][] h) {
      return input("W" + suffix, k, b, t) + recurrent("U" + suffix, k, b, h) + p.view("b" + suffix).get(k, 0);
    }

    void assertHidden(int t, double[][] expected) {
      for (int k = 0; k < H; k++) {
        for (int b = 0; b < B; b++) {
          assertEquals(expected[k][b], unrolled.hidden(t).get(k, b), 1e-14, "h_" + t + "[" + k + "," + b + "]");
        }
      }
    }
  }

  @Test
  void chronoSetsForgetBiasesToLogsOfUniformDelaysAndTheInputGateToTheirNegatives() {
    int n = 200, maxDelay = 1000;
    Network lstm = new Network(new LstmCell(new LstmCell.Settings(1.0, maxDelay)), new TaskShape(3, 4, true, 4), n);
    lstm.initialize(TestComponents.uniform(0.5), TestComponents.uniform(0.5), org.rnnlab.math.SplitMix64.derive(1, "i"));
    MatrixView forget = lstm.parameters().view("b_f"), input = lstm.parameters().view("b_i");
    double below = 0;
    for (int k = 0; k < n; k++) {
      double bf = forget.get(k, 0);
      assertTrue(bf >= 0 && bf <= Math.log(maxDelay - 1), "b_f = " + bf);
      assertEquals(-bf, input.get(k, 0));
      below += Math.exp(bf) < maxDelay / 2.0 ? 1 : 0; // u uniform: about half below T_max / 2
    }
    assertTrue(below > 70 && below < 130, below + " of " + n + " delays below T_max / 2");
    assertEquals(0.0, lstm.parameters().view("b_o").get(0, 0));

    Network gru = new Network(new GruCell(new GruCell.Settings(GruCell.ResetGate.AFTER, maxDelay)),
        new TaskShape(3, 4, true, 4), n);
    gru.initialize(TestComponents.uniform(0.5), TestComponents.uniform(0.5), org.rnnlab.math.SplitMix64.derive(1, "i"));
    MatrixView update = gru.parameters().view("b_z");
    for (int k = 0; k < n; k++) {
      assertTrue(update.get(k, 0) >= 0 && update.get(k, 0) <= Math.log(maxDelay - 1));
    }
    assertTrue(update.get(0, 0) != update.get(1, 0));
    assertEquals(0.0, gru.parameters().view("b_r").get(0, 0));
  }

  @Test
  void withoutChronoTheBiasesAreTheirConstants() {
    Network lstm = new Network(new LstmCell(new LstmCell.Settings(2.0)), new TaskShape(3, 4, true, 4), 5);
    lstm.initialize(TestComponents.uniform(0.5), TestComponents.uniform(0.5), org.rnnlab.math.SplitMix64.derive(1, "i"));
    for (int k = 0; k < 5; k++) {
      assertEquals(2.0, lstm.parameters().view("b_f").get(k, 0));
      assertEquals(0.0, lstm.parameters().view("b_i").get(k, 0));
    }
    assertThrows(org.rnnlab.plugin.InvalidSetting.class, () -> new LstmCell.Settings(1.0, 1));
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
