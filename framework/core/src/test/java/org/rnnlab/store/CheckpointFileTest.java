package org.rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiment.Checkpoint;

class CheckpointFileTest {
  @TempDir Path dir;

  private static Checkpoint sample(long step) {
    return new Checkpoint().putLong("step", step).putDouble("x", -0.0).putArray("parameters", new double[] {1.5, Double.NaN, -3e-300})
        .putArrays("optimizer.", Map.of("m", new double[] {0.25}, "step", new double[] {7}));
  }

  @Test
  void whatIsWrittenIsReadBackBitForBit() throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(sample(42), file);
    Checkpoint c = CheckpointFile.read(file);
    assertEquals(42, c.getLong("step"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.getDouble("x")));
    assertArrayEquals(new double[] {1.5, Double.NaN, -3e-300}, c.array("parameters"));
    assertEquals(2, c.arrays("optimizer.").size());
    assertArrayEquals(new double[] {7}, c.arrays("optimizer.").get("step"));
  }

  @Test
  void aSaveThatDiesMidwayLeavesThePreviousCheckpointUsable() throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(sample(100), file);
    // A second save dies after writing half of its temporary file (the process was killed).
    Path other = dir.resolve("other.bin");
    CheckpointFile.write(sample(200), other);
    byte[] full = Files.readAllBytes(other);
    Files.write(dir.resolve(".checkpoint.bin.tmp"), Arrays.copyOf(full, full.length / 2));
    assertEquals(100, CheckpointFile.read(file).getLong("step"), "the previous checkpoint is intact");
    CheckpointFile.write(sample(300), file); // the next save replaces the leftover
    assertEquals(300, CheckpointFile.read(file).getLong("step"));
  }

  @Test
  void damagedFilesAreRefusedWithAReason() throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(sample(1), file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
    assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(file)).getMessage().contains("damaged"));
    bytes[20] ^= 1;
    Files.write(file, bytes);
    assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(file)).getMessage().contains("checksum"));
    Files.write(file, new byte[3]);
    assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(file)).getMessage().contains("truncated"));
    Files.writeString(file, "step: 3\nnot a checkpoint at all\n");
    assertThrows(IOException.class, () -> CheckpointFile.read(file));
  }

  @Test
  void missingEntriesAreNamed() {
    assertTrue(assertThrows(IllegalStateException.class, () -> new Checkpoint().getLong("step")).getMessage()
        .contains("step"));
  }
}
