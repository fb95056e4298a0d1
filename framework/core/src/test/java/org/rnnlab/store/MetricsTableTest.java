package org.rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiment.MetricRow;

class MetricsTableTest {
  @TempDir Path dir;

  @Test
  void aTornLastLineAndMalformedRecordsAreLeftOutAndCounted() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "step,loss,test_accuracy\n10,2.5,\n20,x,0.5\n30,1.25,0.75\n40,1.0");
    MetricsTable table = MetricsTable.read(file);
    assertEquals(List.of(10L, 30L), table.rows().stream().map(MetricRow::step).toList());
    assertEquals(2, table.damagedLines());
    assertTrue(Double.isNaN(table.rows().get(0).get("test_accuracy")));
  }

  @Test
  void writtenNumbersReadBackBitForBit() throws IOException {
    Path file = dir.resolve("metrics.csv");
    List<String> columns = List.of("step", "a", "b", "c");
    double[] values = {7, 0.1 + 0.2, -0.0, Double.NaN};
    MetricsTable.write(file, columns, List.of(new MetricRow(columns, values)));
    MetricRow back = MetricsTable.read(file).rows().get(0);
    for (int i = 0; i < values.length; i++) {
      assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back.values()[i]), columns.get(i));
    }
  }
}
