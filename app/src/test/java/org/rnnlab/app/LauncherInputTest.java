package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad launcher input, wherever it is given (option, config section, a machine without sbatch): one
 * line on stderr, exit 2, and no sweep directory. Needs no Slurm.
 */
class LauncherInputTest {
  @TempDir Path dir;

  private Runs.Result sweep(String config, String... more) throws Exception {
    Path file = Files.writeString(dir.resolve("small.yaml"), config);
    List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "--runs-dir", dir.resolve("runs").toString(),
        "--sweep", "seed=1,2"));
    args.addAll(List.of(more));
    return Runs.execute(args.toArray(String[]::new));
  }

  private void assertRefused(Runs.Result r, String... words) {
    assertEquals(2, r.exitCode(), r.err() + r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnlab: "), r.err());
    for (String w : words) {
      assertTrue(r.err().contains(w), r.err());
    }
    assertFalse(Files.exists(dir.resolve("runs")), "a sweep directory was left");
  }

  @Test
  void anUnknownLauncherNamesTheKnownOnes() throws Exception {
    assertRefused(sweep(Runs.SMALL, "--launcher", "cloud"), "--launcher 'cloud'", "local", "slurm");
  }

  @Test
  void aMisspelledSlurmSettingIsNamedWithItsNeighbour() throws Exception {
    assertRefused(sweep(Runs.SMALL, "--launcher", "slurm", "--slurm", "time=00:10:00,cpus_per_tsk=2"),
        "--slurm 'cpus_per_tsk=2'", "cpus_per_task");
  }

  @Test
  void aSettingThatCannotBeOneSbatchWordIsRefused() throws Exception {
    assertRefused(sweep(Runs.SMALL, "--launcher", "slurm", "--slurm", "partition=a b"), "launcher.partition",
        "one word");
    assertRefused(sweep(Runs.SMALL, "--launcher", "slurm", "--slurm", "extra=[qos=long]"), "launcher.extra.0",
        "one sbatch option");
    assertRefused(sweep(Runs.SMALL, "--launcher", "slurm", "--slurm", "array_parallelism=-1"),
        "launcher.array_parallelism");
  }

  @Test
  void theConfigsLauncherSectionIsCheckedWithItsLine() throws Exception {
    assertRefused(sweep(Runs.SMALL + "launcher: {type: slurm, partitoin: gpu}\n"), "small.yaml:8:", "partitoin",
        "partition");
  }

  @Test
  void waitAndSlurmOptionsBelongToSweeps() throws Exception {
    assertRefused(sweep(Runs.SMALL, "--wait"), "--wait", "--launcher slurm");
    Path file = Files.writeString(dir.resolve("one.yaml"), Runs.SMALL);
    Runs.Result single = Runs.execute(file.toString(), "--runs-dir", dir.resolve("runs").toString(), "--launcher",
        "slurm");
    assertRefused(single, "for sweeps");
  }

  @Test
  void aLocalLauncherSectionChangesNothingAndNeverReachesConfigYaml() throws Exception {
    Runs.Result r = sweep(Runs.SMALL + "launcher: {type: local, partition: gpu}\n", "--jobs", "2");
    assertEquals(0, r.exitCode(), r.err());
    for (Path point : Runs.runDirectories(Runs.runDirectories(dir.resolve("runs")).get(0))) {
      if (Files.exists(point.resolve("config.yaml"))) {
        assertFalse(Files.readString(point.resolve("config.yaml")).contains("launcher"), point.toString());
      }
    }
  }

  /** The launcher with a PATH that has what ./run needs, and no sbatch. */
  @Test
  void noSbatchOnThePathIsOneLineAndNoSweep() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("bash", "env", "dirname", "readlink", "cat", "grep", "stat", "find", "date")) {
      for (String d : List.of("/usr/bin", "/bin")) {
        Path p = Path.of(d, tool);
        if (Files.isExecutable(p) && !Files.exists(bin.resolve(tool))) {
          Files.createSymbolicLink(bin.resolve(tool), p);
        }
      }
    }
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    ProcessBuilder b = Runs.launcher(dir, "small.yaml", "--runs-dir", "runs", "--sweep", "seed=1,2", "--launcher",
        "slurm");
    b.environment().put("PATH", bin.toString());
    b.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path err = dir.resolve("err.txt");
    Process p = b.redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
    String text = Files.readString(err);
    assertEquals(2, p.exitValue(), text);
    assertEquals(List.of("rnnlab: --launcher slurm: sbatch is not on the PATH: run this on a machine that submits"
        + " Slurm jobs (a login node; perhaps after 'module load slurm'), or use --launcher local"), text.lines().toList());
    assertFalse(Files.exists(dir.resolve("runs")), "a sweep directory was left");
  }
}
