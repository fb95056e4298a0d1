package org.rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a metrics.csv while it grows: every whole row once, nothing of a line being written, and a start over after a resume. */
class MetricsTailTest {
  @TempDir Path dir;

  private static List<Double> steps(List<double[]> rows) {
    return rows.stream().map(r -> r[0]).toList();
  }

  @Test
  void eachWholeRowIsReadOnceAsTheFileGrows() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.csv"), "step,loss\n1,0.5\n2,0.25\n3,0.1");
    List<double[]> rows = new ArrayList<>();
    MetricsTail.Result first = MetricsTail.read(file, MetricsTail.Cursor.START, Long.MAX_VALUE, rows::add);
    assertEquals(List.of("step", "loss"), first.columns());
    assertEquals(List.of(1.0, 2.0), steps(rows), "the third line is still being written");
    Files.writeString(file, "5\n4,,\nx,1\n5,0.05\n", StandardOpenOption.APPEND);
    rows.clear();
    MetricsTail.Result second = MetricsTail.read(file, MetricsTail.Cursor.parse(first.next().token()), Long.MAX_VALUE,
        rows::add);
    assertFalse(second.restarted());
    assertEquals(List.of(3.0, 5.0), steps(rows), "the finished line once; two malformed records left out");
    assertEquals(0.05, rows.get(1)[1]);
    assertEquals(2, second.damagedLines());
    rows.clear();
    MetricsTail.Result third = MetricsTail.read(file, second.next(), Long.MAX_VALUE, rows::add);
    assertEquals(List.of(), rows, "nothing new");
    assertEquals(second.next(), third.next());
  }

  @Test
  void aReplacedFileStartsOver() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.csv"), "step,loss\n1,0.5\n2,0.25\n3,0.1\n");
    MetricsTail.Result before = MetricsTail.read(file, MetricsTail.Cursor.START, Long.MAX_VALUE, r -> {});
    // A resume rewrites the file atomically (a new file) without the rows after its checkpoint.
    MetricsTable.write(file, List.of("step", "loss"), MetricsTable.read(file).rowsUpTo(2));
    Files.writeString(file, "3,0.2\n", StandardOpenOption.APPEND);
    List<double[]> rows = new ArrayList<>();
    MetricsTail.Result after = MetricsTail.read(file, before.next(), Long.MAX_VALUE, rows::add);
    assertTrue(after.restarted());
    assertEquals(List.of(1.0, 2.0, 3.0), steps(rows));
    assertEquals(0.2, rows.get(2)[1]);
    assertTrue(MetricsTail.read(file, new MetricsTail.Cursor(after.next().file(), 12), Long.MAX_VALUE, r -> {})
        .restarted(), "an offset inside a line");
    assertEquals(MetricsTail.Cursor.START, MetricsTail.Cursor.parse("../../etc"), "a token of anything else");
  }

  @Test
  void aReadStopsNearItsByteLimitAndSaysThereIsMore() throws IOException {
    StringBuilder text = new StringBuilder("step,loss\n");
    for (int i = 1; i <= 300_000; i++) {
      text.append(i).append(",0.").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("metrics.csv"), text);
    List<double[]> rows = new ArrayList<>();
    MetricsTail.Result part = MetricsTail.read(file, MetricsTail.Cursor.START, 1, rows::add);
    assertTrue(part.more());
    assertTrue(rows.size() > 1000 && rows.size() < 300_000, rows.size() + " rows of a block");
    long total = rows.size();
    MetricsTail.Result cursor = part;
    while (cursor.more()) {
      cursor = MetricsTail.read(file, cursor.next(), 1, r -> {});
      total += cursor.rows();
    }
    assertEquals(300_000, total, "every row once over the reads");
  }
}
