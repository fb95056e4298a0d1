package org.rnnlab.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Thinning for drawing: short series whole, long ones bounded with every extreme kept, gaps skipped. */
class DecimatorTest {
  @Test
  void aShortSeriesKeepsEveryPoint() {
    Decimator d = new Decimator(3, 100);
    for (int i = 1; i <= 150; i++) {
      d.accept(new double[] {i, i * 0.5, i % 10 == 0 ? i : Double.NaN});
    }
    assertFalse(d.decimated());
    assertEquals(150, d.points(1)[0].length);
    assertArrayEquals(new double[] {10, 20, 30}, Arrays.copyOf(d.points(2)[1], 3), "gaps left out, not zero");
    assertEquals(15, d.points(2)[0].length);
  }

  @Test
  void aLongSeriesIsBoundedAndKeepsItsExtremesInStepOrder() {
    Decimator d = new Decimator(2, 100);
    int rows = 1_000_003;
    for (int i = 1; i <= rows; i++) {
      double v = i == 123_457 ? 1e9 : i == 876_543 ? -1e9 : Math.sin(i / 100.0);
      d.accept(new double[] {i, v});
    }
    double[][] points = d.points(1);
    assertTrue(d.decimated());
    assertEquals(rows, d.rows());
    assertTrue(points[0].length >= 100 && points[0].length <= 400, points[0].length + " points");
    assertTrue(Arrays.stream(points[1]).anyMatch(v -> v == 1e9) && Arrays.stream(points[1]).anyMatch(v -> v == -1e9));
    for (int i = 1; i < points[0].length; i++) {
      assertTrue(points[0][i] > points[0][i - 1], "steps grow");
    }
    assertEquals(1, points[0][0], "the line starts at the first row");
    assertEquals(rows, points[0][points[0].length - 1], "and ends at the last");
  }
}
