package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runs directory that cannot take a run is an error before training starts, and leaves nothing
 * behind. The tests make such directories the way the machine allows (an immutable or read-only
 * directory; a tiny tmpfs for a full disk, which needs root) and are skipped where it allows none.
 */
class StorageTest {
  @TempDir Path dir;

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  @Test
  void anUnwritableRunsDirectoryIsAnErrorBeforeTraining() throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    boolean locked = root() ? sh("chattr", "+i", runs.toString()) == 0 : runs.toFile().setWritable(false);
    assumeTrue(locked, "cannot make a directory unwritable here");
    try {
      Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL);
      Runs.Result result = Runs.execute(config.toString(), "--runs-dir", runs.toString());
      assertEquals(2, result.exitCode(), result.err());
      assertTrue(result.err().startsWith("rnnlab: " + runs) && !result.err().contains("\n" + "\tat"), result.err());
      // chattr +i fails the directory's creation ("cannot create the run directory: AccessDenied …"); a
      // non-root user's read-only directory is caught by the writability check first.
      assertTrue(result.err().matches("rnnlab: " + java.util.regex.Pattern.quote(runs.toString())
          + "(: the runs directory is not writable|/[^:]+: cannot create the run directory: AccessDenied .*)\\R?"),
          result.err());
      try (var files = Files.list(runs)) {
        assertEquals(0, files.count());
      }
    } finally {
      if (root()) {
        sh("chattr", "-i", runs.toString());
      } else {
        runs.toFile().setWritable(true);
      }
    }
  }

  @Test
  void compareIntoAnUnwritableRunsDirectoryIsOneLineAndLeavesNothing() throws Exception {
    Path runs = dir.resolve("runs");
    Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL);
    for (int seed = 1; seed <= 2; seed++) {
      assertEquals(0, Runs.execute(config.toString(), "seed=" + seed, "--runs-dir", runs.toString()).exitCode());
    }
    List<Path> both = Runs.runDirectories(runs);
    boolean locked = root() ? sh("chattr", "+i", runs.toString()) == 0 : runs.toFile().setWritable(false);
    assumeTrue(locked, "cannot make a directory unwritable here");
    try {
      Runs.Result result = Runs.execute("compare", both.get(0).toString(), both.get(1).toString(), "--runs-dir",
          runs.toString());
      assertEquals(2, result.exitCode(), result.err());
      assertEquals(1, result.err().strip().lines().count(), result.err());
      assertTrue(result.err().startsWith("rnnlab: " + runs) && !result.err().contains("\tat "), result.err());
      assertEquals(both, Runs.runDirectories(runs), "no compare directory");
    } finally {
      if (root()) {
        sh("chattr", "-i", runs.toString());
      } else {
        runs.toFile().setWritable(true);
      }
    }
  }

  @Test
  void aFullRunsDirectoryIsAnErrorBeforeTraining() throws Exception {
    assumeTrue(root(), "mounting a small file system needs root");
    Path mount = Files.createDirectories(dir.resolve("tiny"));
    assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString()) == 0, "cannot mount tmpfs");
    try {
      Files.write(mount.resolve("filler"), new byte[200 * 1024]);
      Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL);
      Runs.Result result = Runs.execute(config.toString(), "--runs-dir", mount.resolve("runs").toString());
      assertEquals(2, result.exitCode(), result.err());
      assertTrue(result.err().contains("file system is full"), result.err());
      if (Files.exists(mount.resolve("runs"))) {
        try (var files = Files.list(mount.resolve("runs"))) {
          assertEquals(0, files.count(), "nothing left behind");
        }
      }
    } finally {
      if (sh("umount", mount.toString()) != 0) {
        sh("umount", "-l", mount.toString());
      }
    }
  }

  /**
   * A file system with bytes to spare but no inodes passes the free-space check and fails at the
   * first files: the half-made run directory is removed and the error is bad input, not a crash.
   */
  @Test
  void aFileSystemOutOfInodesFailsTheFirstWritesAndLeavesNothing() throws Exception {
    assumeTrue(root(), "mounting a small file system needs root");
    Path mount = Files.createDirectories(dir.resolve("few-inodes"));
    assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=4m,nr_inodes=5", "tmpfs", mount.toString()) == 0,
        "cannot mount tmpfs");
    try {
      Path runs = Files.createDirectories(mount.resolve("runs"));
      Path config = Files.writeString(dir.resolve("c.yaml"), Runs.SMALL);
      Runs.Result result = Runs.execute(config.toString(), "--runs-dir", runs.toString());
      assertEquals(2, result.exitCode(), result.err());
      assertTrue(result.err().startsWith("rnnlab: ") && result.err().contains("cannot write a run directory here"),
          result.err());
      try (var files = Files.list(runs)) {
        assertEquals(0, files.count(), "the half-made run directory is gone");
      }
    } finally {
      if (sh("umount", mount.toString()) != 0) {
        sh("umount", "-l", mount.toString());
      }
    }
  }
}
