package org.rnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side table compares what each side had reached by the same training time. */
class TextCurveTest {
  @TempDir Path dir;

  @Test
  void eachSideIsItsLowestLossSoFarAndNothingBeforeItsFirstPoint() {
    TextCurve.Curve c = new TextCurve.Curve("x", List.of(new double[] {10, 2.0}, new double[] {20, 2.5},
        new double[] {30, 1.5}));
    assertTrue(Double.isNaN(c.bestBy(9.9)));
    assertEquals(2.0, c.bestBy(10));
    assertEquals(2.0, c.bestBy(29), "a worse later evaluation does not undo what was reached");
    assertEquals(1.5, c.bestBy(30));
  }

  @Test
  void theTableCountsTheTimesRnnlabIsLower() {
    TextCurve.Curve ours = new TextCurve.Curve("rnnlab", List.of(new double[] {10, 2.0}, new double[] {30, 1.5}));
    TextCurve.Curve peer = new TextCurve.Curve("peer", List.of(new double[] {0, 4.2}, new double[] {20, 2.1},
        new double[] {40, 1.6}));
    String table = TextCurve.table(ours, peer);
    // times 0 (ours has nothing yet), 10, 20, 30, 40: at 10 peer has 4.2, ours 2.0 -> rnnlab, and so on.
    assertTrue(table.contains("| 0.0 | - | 4.2000 | - |"), table);
    assertTrue(table.contains("| 20.0 | 2.0000 | 2.1000 | rnnlab |"), table);
    assertTrue(table.contains("rnnlab lower at 4 of 4 compared times; final: rnnlab 1.5000, peer 1.6000"), table);
  }

  @Test
  void bothFilesAreRead() throws IOException {
    Path metrics = Files.writeString(dir.resolve("metrics.csv"),
        "step,train_seconds,loss,val_loss\n50,5.5,2.9,\n100,11.25,2.5,2.4375\n");
    Path log = Files.writeString(dir.resolve("peer.log"),
        "EVAL train_seconds=0.000 step=0 val_loss=4.1800\neval seconds=30.1 step=9 epoch=0\n"
            + "EVAL train_seconds=30.125 step=9 val_loss=3.3000\nRESULT torch_char ...\n");
    assertEquals(List.of("11.25:2.4375"), points(TextCurve.ours(metrics)));
    assertEquals(List.of("0.0:4.18", "30.125:3.3"), points(TextCurve.peer(log)));
  }

  private static List<String> points(TextCurve.Curve c) {
    return c.points().stream().map(p -> p[0] + ":" + p[1]).toList();
  }
}
