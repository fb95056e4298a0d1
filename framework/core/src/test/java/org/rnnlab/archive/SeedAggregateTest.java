package org.rnnlab.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.experiment.MetricRow;

class SeedAggregateTest {
  private static final List<String> COLUMNS = List.of("step", "test_accuracy");

  private static List<MetricRow> run(double... stepValuePairs) {
    List<MetricRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i < stepValuePairs.length; i += 2) {
      rows.add(new MetricRow(COLUMNS, new double[] {stepValuePairs[i], stepValuePairs[i + 1]}));
    }
    return rows;
  }

  @Test
  void meanAndSampleStandardDeviationStepByStep() {
    // Three seeds at step 10: 2, 4, 9 → mean 5, sample variance ((−3)² + (−1)² + 4²) / 2 = 13.
    List<SeedAggregate.Point> points = SeedAggregate.of(List.of(
        run(10, 2, 20, 1), run(10, 4, 20, Double.NaN), run(10, 9)), "test_accuracy");
    assertEquals(2, points.size());
    SeedAggregate.Point at10 = points.get(0);
    assertEquals(10, at10.step());
    assertEquals(5.0, at10.mean(), 1e-15);
    assertEquals(Math.sqrt(13), at10.std(), 1e-15);
    assertEquals(3, at10.runs());
    SeedAggregate.Point at20 = points.get(1);
    assertEquals(1, at20.runs(), "NaN and absent values do not count");
    assertEquals(1.0, at20.mean());
    assertTrue(Double.isNaN(at20.std()), "one run has no spread");
  }

  @Test
  void identicalRunsHaveNoSpread() {
    List<SeedAggregate.Point> points = SeedAggregate.of(List.of(run(1, 0.5), run(1, 0.5)), "test_accuracy");
    assertEquals(0.0, points.get(0).std());
  }
}
