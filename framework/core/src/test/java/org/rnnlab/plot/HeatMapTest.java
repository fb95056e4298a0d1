package org.rnnlab.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapTest {
  @TempDir Path dir;

  private BufferedImage draw(String name, double[][] values) throws IOException {
    Path png = dir.resolve(name);
    new HeatMap("t", "delay", "length", List.of("1", "10"), List.of("5", "10", "20"), values, 0, 1).writePng(png);
    return ImageIO.read(png.toFile());
  }

  private static int pixels(BufferedImage image, Color colour) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void theLeastValueIsTheLightestColourTheGreatestTheDarkestAndAMissingCellStaysWhite() throws IOException {
    double[][] zeros = {{0, 0}, {0, 0}, {0, 0}}, ones = {{1, 1}, {1, 1}, {1, 1}};
    double[][] one = {{0, Double.NaN}, {Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
    BufferedImage low = draw("low.png", zeros), high = draw("high.png", ones), sparse = draw("one.png", one);
    Color lightest = HeatMap.SCALE[0], darkest = HeatMap.SCALE[HeatMap.SCALE.length - 1];
    int cells = 6 * 40 * 40; // at least this many pixels inside six cells of the smallest size drawn
    assertTrue(pixels(low, lightest) > cells && pixels(low, darkest) < cells, "0 is drawn in the lightest colour");
    assertTrue(pixels(high, darkest) > cells && pixels(high, lightest) < cells, "1 is drawn in the darkest colour");
    assertTrue(pixels(sparse, Color.WHITE) > pixels(low, Color.WHITE) + 5 * 40 * 40,
        "the five cells without a value stay white");
    double[][] none = {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
    assertThrows(IllegalStateException.class, () -> draw("none.png", none), "nothing to draw");
  }

  @Test
  void valuesOfTheWrongShapeOrAnEmptyRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HeatMap("t", "x", "y", List.of("a"), List.of("b", "c"),
        new double[][] {{1}}, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new HeatMap("t", "x", "y", List.of("a"), List.of("b"),
        new double[][] {{1, 2}}, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new HeatMap("t", "x", "y", List.of("a"), List.of("b"),
        new double[][] {{1}}, 1, 1));
  }
}
