package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names and paths never lead a write out of the runs directory. */
class PathsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "name: ''{0}''")
  @ValueSource(strings = {"../../x", "/abs", "a/b", "", ".hidden", "-dash", "a b", "x\\\\y", "äöü", "LONG"})
  void runNamesThatCouldLeaveTheArchiveAreRefused(String name) throws IOException {
    String value = name.equals("LONG") ? "n".repeat(101) : name;
    Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL.replace("name: small", "name: '" + value + "'"));
    Runs.Result result = Runs.execute(config.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().contains("name: expected 1..100 letters, digits, '.', '_' or '-', not starting with '.' or '-'"),
        result.err());
    assertFalse(Files.exists(dir.resolve("runs")));
    try (Stream<Path> all = Files.walk(dir)) {
      assertEquals(2, all.count(), "nothing but the temp dir and the config");
    }
  }

  @Test
  void aHundredCharacterNameIsFine() throws IOException {
    Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL.replace("name: small", "name: " + "n".repeat(100)));
    assertEquals(0, Runs.execute(config.toString(), "sinks=[]", "--runs-dir", dir.resolve("runs").toString())
        .exitCode());
  }

  @Test
  void aSymlinkOutOfTheArchiveIsNotFollowedForWriting() throws IOException {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(config.toString(), "sinks=[]", "--runs-dir", runs.toString()).exitCode());
    Path real = Runs.runDirectories(runs).get(0);
    // A run that lives elsewhere, reached through a link inside the archive.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path moved = Files.move(real, elsewhere.resolve(real.getFileName()));
    Files.writeString(moved.resolve("summary.yaml"), Files.readString(moved.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
    Path link = Files.createSymbolicLink(runs.resolve("link"), moved);
    for (String command : new String[] {"resume", "eval"}) {
      Runs.Result result = Runs.execute(command, link.toString(), "--runs-dir", runs.toString());
      assertEquals(2, result.exitCode(), command);
      assertTrue(result.err().contains("not inside the runs directory") && result.err().contains("it leads to "),
          command + ": " + result.err());
    }
    Runs.Result compare = Runs.execute("compare", link.toString(), link.toString(), "--runs-dir", runs.toString());
    assertEquals(2, compare.exitCode());
    try (Stream<Path> files = Files.list(moved)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("eval-")), "nothing written there");
    }
    Runs.Result outside = Runs.execute("resume", moved.toString(), "--runs-dir", runs.toString());
    assertEquals(2, outside.exitCode());
    assertTrue(outside.err().contains("not inside the runs directory"), outside.err());
  }
}
