package org.rnnlab.plugins.clippers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.ClipperContract;
import org.rnnlab.testkit.TestComponents;

class ClippersTest {

  @Nested
  class None extends ClipperContract {
    @Override
    protected Clipper clipper() {
      return new NoClipper(new NoClipper.Settings());
    }

    @Test
    void leavesEverythingAsItIs() {
      Parameters g = gradients(1e6, 2);
      double[] before = g.values().clone();
      clipper().clip(g);
      assertArrayEquals(before, g.values());
    }
  }

  @Nested
  class GlobalNorm extends ClipperContract {
    @Override
    protected Clipper clipper() {
      return new NormClipper(new NormClipper.Settings(1.5, NormClipper.Scope.GLOBAL));
    }

    @Test
    void belowTheThresholdGradientsAreUntouched() {
      Parameters g = gradients(0.1, 3);
      assertTrue(g.norm() < 1.5);
      double[] before = g.values().clone();
      clipper().clip(g);
      assertArrayEquals(before, g.values());
    }

    @Test
    void aboveTheThresholdTheNormBecomesExactlyTheThresholdAndTheDirectionStays() {
      Parameters g = gradients(10, 3);
      double[] before = g.values().clone();
      double norm = g.norm();
      assertTrue(norm > 1.5);
      clipper().clip(g);
      assertEquals(1.5, g.norm(), 1e-14);
      for (int i = 0; i < before.length; i++) {
        assertEquals(before[i] * 1.5 / norm, g.values()[i], 1e-15);
      }
    }
  }

  @Nested
  class LayerNorm extends ClipperContract {
    @Override
    protected Clipper clipper() {
      return new NormClipper(new NormClipper.Settings(1.5, NormClipper.Scope.LAYER));
    }

    @Test
    void eachLayerIsClippedByItsOwnNorm() {
      Parameters g = gradients(1, 3);
      g.scale("cell", 100); // the cell's gradient is large, the readout's small
      double readoutBefore = g.norm("readout");
      assertTrue(g.norm("cell") > 1.5 && readoutBefore < 1.5);
      double[] before = g.values().clone();
      clipper().clip(g);
      assertEquals(1.5, g.norm("cell"), 1e-14);
      assertEquals(readoutBefore, g.norm("readout"));
      int readoutStart = g.layout().block("V").offset();
      for (int i = readoutStart; i < before.length; i++) {
        assertEquals(before[i], g.values()[i], "readout entry " + i + " changed");
      }
    }

    /** In a stack each recurrent layer is a layer of its own. */
    @Test
    void eachLayerOfAStackIsClippedByItsOwnNorm() {
      ParameterLayout layout = Network.layout(List.of(new Network.Layer(TestComponents.tanhCell(), 4),
          new Network.Layer(TestComponents.tanhCell(), 3)), new TaskShape(2, 5, true, 5));
      assertEquals(List.of("layer1", "layer2", "readout"), layout.layers());
      Parameters g = new Parameters(layout);
      java.util.Arrays.fill(g.values(), 1);
      g.scale("layer2", 100);
      double first = g.norm("layer1"), readout = g.norm("readout");
      assertTrue(first > 1.5 && g.norm("layer2") > 1.5 && readout > 1.5);
      clipper().clip(g);
      assertEquals(1.5, g.norm("layer1"), 1e-14);
      assertEquals(1.5, g.norm("layer2"), 1e-14);
      assertEquals(1.5, g.norm("readout"), 1e-14);
    }
  }

  @Nested
  class Value extends ClipperContract {
    @Override
    protected Clipper clipper() {
      return new ValueClipper(new ValueClipper.Settings(0.25));
    }

    @Test
    void clampsEveryEntryAndKeepsTheSmallOnes() {
      Parameters g = gradients(1, 5);
      double[] before = g.values().clone();
      clipper().clip(g);
      for (int i = 0; i < before.length; i++) {
        double expected = Math.abs(before[i]) <= 0.25 ? before[i] : Math.copySign(0.25, before[i]);
        assertEquals(expected, g.values()[i]);
      }
    }
  }
}
