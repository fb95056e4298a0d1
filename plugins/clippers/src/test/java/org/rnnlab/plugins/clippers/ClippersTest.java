package org.rnnlab.plugins.clippers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Parameters;
import org.rnnlab.testkit.ClipperContract;

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
