package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.spi.Cell;
import org.rnnlab.testkit.CellContract;

/**
 * A cell written only in test code (the README's worked example) plugs in through ServiceLoader and
 * Guice, with no framework change, and passes the cell contract.
 */
class PluginContractTest {
  @TempDir Path dir;

  @Test
  void aTestOnlyCellIsUsableFromYaml() throws IOException {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Runs.Result result = Runs.execute(config.toString(), "network.cell={type: linear, decay: 0.25}",
        "--runs-dir", dir.resolve("runs").toString());
    assertEquals(0, result.exitCode(), result.err());
    Path run = Runs.runDirectories(dir.resolve("runs")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> network = (Map<String, Object>) Runs.yaml(run.resolve("config.yaml")).get("network");
    assertEquals(Map.of("type", "linear", "decay", 0.25), network.get("cell"));
    assertEquals("completed", Runs.yaml(run.resolve("summary.yaml")).get("status"));
  }

  @Test
  void itIsListedByPlugins() {
    Runs.Result result = Runs.execute("plugins");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("linear — h_t = W x_t + decay · h_{t-1}"), result.out());
  }

  @Nested
  class TheLinearCellPassesTheCellContract extends CellContract {
    @Override
    protected Cell cell() {
      return new LinearCell(new LinearCell.Settings(0.9));
    }
  }
}
