package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One seed drives everything: the same config and seed give the same numbers, bit for bit. */
class ReproducibilityTest {
  @TempDir Path dir;

  private static final List<String> NUMBERS = List.of("loss", "accuracy", "grad_norm", "test_loss", "test_accuracy");

  @Test
  void sameSeedSameNumbersOtherSeedOtherNumbers() throws IOException {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    List<CSVRecord> first = train(config, "seed=11");
    List<CSVRecord> again = train(config, "seed=11");
    List<CSVRecord> other = train(config, "seed=12");
    for (String column : NUMBERS) {
      assertEquals(Runs.column(first, column), Runs.column(again, column), column);
      assertNotEquals(Runs.column(first, column), Runs.column(other, column), column);
    }
    assertEquals(4, first.size());
  }

  private List<CSVRecord> train(Path config, String seed) throws IOException {
    Path runs = dir.resolve("runs-" + seed + "-" + System.nanoTime());
    Runs.Result result = Runs.execute(config.toString(), seed, "sinks=[]", "--runs-dir", runs.toString());
    assertEquals(0, result.exitCode(), result.err());
    return Runs.csv(Runs.runDirectories(runs).get(0).resolve("metrics.csv"));
  }
}
