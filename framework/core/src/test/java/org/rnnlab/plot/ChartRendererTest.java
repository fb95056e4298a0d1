package org.rnnlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiment.LineChart;

class ChartRendererTest {
  @TempDir Path dir;

  @Test
  void pointsALogAxisCannotShowAreSkippedAndCounted() throws IOException {
    LineChart chart = new LineChart("t", "x", "y").xScale(LineChart.Scale.LOG).yScale(LineChart.Scale.LOG)
        .series("a", new double[] {1, 2, 3, 4, 5}, new double[] {1, 0, Double.NaN, Double.POSITIVE_INFINITY, 10})
        .series("b", new double[] {0, 1}, new double[] {5, -1});
    ChartRenderer renderer = new ChartRenderer(chart);
    assertEquals(5, renderer.skipped());
    Path png = dir.resolve("p.png");
    renderer.writePng(png);
    assertNotNull(ImageIO.read(png.toFile()));
  }

  /** A sweep's mean ± std of a loss spanning decades: bars that reach zero keep the axis linear (XChart threw). */
  @Test
  void errorBarsReachingZeroAreDrawable() throws IOException {
    double[] x = {1, 2, 3}, y = {30, 3, 0.2}, err = {5, 4, 0.1};
    ChartRenderer auto = new ChartRenderer(new LineChart("t", "x", "y").yScale(LineChart.Scale.AUTO)
        .series("a", x, y, err));
    assertFalse(auto.logY());
    auto.writePng(dir.resolve("auto.png"));
    ChartRenderer log = new ChartRenderer(new LineChart("t", "x", "y").yScale(LineChart.Scale.LOG)
        .series("a", x, y, err));
    log.writePng(dir.resolve("log.png"));
    assertNotNull(ImageIO.read(dir.resolve("log.png").toFile()));
    assertTrue(new ChartRenderer(new LineChart("t", "x", "y").yScale(LineChart.Scale.AUTO)
        .series("a", x, y, new double[] {5, 1, 0.1})).logY());
  }

  @Test
  void linearAxesKeepZeroAndNegativeValues() {
    ChartRenderer renderer = new ChartRenderer(new LineChart("t", "x", "y")
        .series("a", new double[] {0, 1, 2}, new double[] {-1, 0, Double.NaN}));
    assertEquals(1, renderer.skipped());
    assertTrue(renderer.hasPoints());
  }

  @Test
  void aChartWithoutPointsIsNotWritten() {
    ChartRenderer renderer = new ChartRenderer(new LineChart("t", "x", "y").yScale(LineChart.Scale.LOG)
        .series("a", new double[] {1}, new double[] {0}));
    assertFalse(renderer.hasPoints());
    assertThrows(IllegalStateException.class, () -> renderer.writePng(dir.resolve("none.png")));
    assertFalse(Files.exists(dir.resolve("none.png")));
  }

  @Test
  void autoScaleIsLogarithmicOnlyForPositiveValuesSpanningTwoDecades() {
    assertTrue(ChartRenderer.isLog(LineChart.Scale.AUTO, List.of(new double[] {0.01, 1, Double.NaN})));
    assertFalse(ChartRenderer.isLog(LineChart.Scale.AUTO, List.of(new double[] {0.02, 1})));
    assertFalse(ChartRenderer.isLog(LineChart.Scale.AUTO, List.of(new double[] {0, 0.001, 10})));
    assertTrue(ChartRenderer.isLog(LineChart.Scale.LOG, List.of(new double[] {1, 2})));
    assertFalse(ChartRenderer.isLog(LineChart.Scale.LINEAR, List.of(new double[] {0.001, 10})));
  }

  @Test
  void axesStartAndEndOnNiceTickValues() {
    assertArrayEquals(new double[] {0, 16_000, 2_000}, NiceScale.of(500, 16_000), 1e-9);
    assertArrayEquals(new double[] {0.1, 1, 0.1}, NiceScale.of(0.126, 1), 1e-12);
    assertArrayEquals(new double[] {-1, 1.5, 0.25}, NiceScale.of(-1, 1.5), 1e-12);
  }

  @Test
  void thePaletteHasNoYellowAndSeriesOfOneHueShareTheirColour() throws IOException {
    for (Color c : ChartRenderer.PALETTE) {
      boolean yellow = c.getRed() > 200 && c.getGreen() > 200 && c.getBlue() < 120;
      assertFalse(yellow, "yellow fades on white: " + c);
    }
    double[] x = {1, 2, 3};
    LineChart chart = new LineChart("t", "x", "y")
        .series("a", x, new double[] {1, 1, 1}, 0, LineChart.Style.SOLID)
        .series("a clipped", x, new double[] {2, 2, 2}, 0, LineChart.Style.DASHED)
        .series("b", x, new double[] {3, 3, 3}, 1, LineChart.Style.SOLID);
    Path png = dir.resolve("hues.png");
    new ChartRenderer(chart).writePng(png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(contains(image, ChartRenderer.PALETTE[0]), "hue 0 drawn in the first colour");
    assertTrue(contains(image, ChartRenderer.PALETTE[1]), "hue 1 drawn in the second colour");
    assertFalse(contains(image, ChartRenderer.PALETTE[2]), "no third colour: 'a clipped' shares hue 0");
    assertNotEquals(ChartRenderer.PALETTE[0], ChartRenderer.PALETTE[1]);
  }

  private static boolean contains(BufferedImage image, Color colour) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
          return true;
        }
      }
    }
    return false;
  }
}
