package org.rnnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  @TempDir Path dir;

  @Test
  void pointsALogAxisCannotShowAreSkippedAndCounted() throws IOException {
    LinePlot plot = new LinePlot("t", "x", "y").logX(true).logY(true)
        .series("a", new double[] {1, 2, 3, 4, 5}, new double[] {1, 0, Double.NaN, Double.POSITIVE_INFINITY, 10})
        .series("b", new double[] {0, 1}, new double[] {5, -1});
    assertEquals(5, plot.skipped());
    Path png = dir.resolve("p.png");
    plot.writePng(png);
    assertNotNull(ImageIO.read(png.toFile()));
  }

  @Test
  void linearAxesKeepZeroAndNegativeValues() {
    LinePlot plot = new LinePlot("t", "x", "y").series("a", new double[] {0, 1, 2}, new double[] {-1, 0, Double.NaN});
    assertEquals(1, plot.skipped());
    assertTrue(plot.hasPoints());
  }

  @Test
  void aPlotWithoutPointsIsNotWritten() {
    LinePlot plot = new LinePlot("t", "x", "y").logY(true).series("a", new double[] {1}, new double[] {0});
    assertFalse(plot.hasPoints());
    assertThrows(IllegalStateException.class, () -> plot.writePng(dir.resolve("none.png")));
    assertFalse(Files.exists(dir.resolve("none.png")));
  }
}
