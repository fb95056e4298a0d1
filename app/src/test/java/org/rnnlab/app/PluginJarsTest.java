package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from outside the repository: the example plugin project builds against the installed
 * API and testkit (in a copy outside the checkout), passes its contract tests, and trains from YAML
 * through the plugin path; a broken plugin jar is one line naming the jar, exit 2.
 */
class PluginJarsTest {
  static final Path ROOT = LauncherEndToEndTest.ROOT;

  @TempDir static Path dir;

  /** The example project's jar, built once. */
  static Path exampleJar;

  @BeforeAll
  static void buildTheExampleProjectOutsideTheCheckout() throws Exception {
    // What its README says: install the API and the testkit, then build the plugin project.
    run(ROOT, "mvn", "-q", "-B", "install", "-DskipTests", "-pl", "framework/api,framework/testkit", "-am");
    Path project = dir.resolve("plugin-project");
    copy(ROOT.resolve("examples/plugin-project"), project);
    run(project, "mvn", "-q", "-B", "package"); // compiles, runs MguCellTest and ReverseTaskTest, makes the jar
    try (var jars = Files.list(project.resolve("target"))) {
      exampleJar = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    assertTrue(Files.readString(project.resolve("target/surefire-reports/com.example.rnnplugins.MguCellTest.txt"))
        .contains("Failures: 0, Errors: 0"), "the testkit's cell contract ran on the plugin's cell");
  }

  @Test
  void theExamplePluginTrainsFromYamlThroughAPluginDirectory() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    LauncherEndToEndTest.Process listing = LauncherEndToEndTest.launch(dir, "plugins", "--plugin-path",
        plugins.toString());
    assertEquals(0, listing.exitCode(), listing.err());
    assertTrue(listing.out().contains("mgu — minimal gated unit"), listing.out());
    assertTrue(listing.out().contains("from " + plugins.resolve(exampleJar.getFileName())), "its origin: "
        + listing.out());
    LauncherEndToEndTest.Process run = LauncherEndToEndTest.launch(dir, "--plugin-path", plugins.toString(),
        ROOT.resolve("examples/plugin-project/configs/reverse-mgu.yaml").toString(), "experiment.steps=200",
        "experiment.eval_every=100", "--runs-dir", dir.resolve("runs").toString());
    assertEquals(0, run.exitCode(), run.err() + run.out());
    Path runDir = Runs.runDirectories(dir.resolve("runs")).get(0);
    Map<String, Object> summary = Runs.yaml(runDir.resolve("summary.yaml"));
    assertEquals("completed", summary.get("status"));
    assertTrue(Files.readString(runDir.resolve("provenance.yaml")).contains(exampleJar.getFileName().toString()),
        "provenance names the plugin's jar");
  }

  @Test
  void thePluginPathAlsoComesFromTheEnvironment() throws Exception {
    ProcessBuilder builder = Runs.launcher(dir, "plugins");
    builder.environment().put("RNNLAB_PLUGIN_PATH", exampleJar.toString());
    Process p = builder.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("reverse — read N symbols"), out);
  }

  @Test
  void aBrokenPluginJarIsOneLineNamingTheJar() throws Exception {
    Path missing = jar("missing.jar", "com.example.Gone");
    assertBroken(missing, "broken plugin: it announces com.example.Gone in META-INF/services/"
        + "org.rnnlab.plugin.PluginModule, but the class cannot be loaded");
    Path throwing = jar("throwing.jar", ThrowingPlugin.class.getName(), ThrowingPlugin.class);
    assertBroken(throwing, "failed while registering: IllegalStateException: no GPU found");
    Path clashing = jar("clashing.jar", ClashingPlugin.class.getName(), ClashingPlugin.class, LinearCell.class,
        LinearCell.Settings.class);
    assertBroken(clashing, "it registers cell 'rnn', which org.rnnlab.plugins.cells.CellsPlugin");
    Path shadowed = jar("shadowed.jar", "org.rnnlab.plugins.cells.CellsPlugin");
    assertBroken(shadowed, "broken plugin: its module org.rnnlab.plugins.cells.CellsPlugin is already loaded from ");
    Path junk = Files.writeString(dir.resolve("junk.jar"), "not a zip");
    assertBroken(junk, "broken plugin: not a readable jar");
    LauncherEndToEndTest.Process absent = LauncherEndToEndTest.launch(dir, "plugins", "--plugin-path",
        dir.resolve("nowhere").toString());
    assertEquals(2, absent.exitCode());
    assertTrue(absent.err().contains("nowhere: no such plugin directory or jar"), absent.err());
  }

  private static void assertBroken(Path jar, String expected) throws Exception {
    LauncherEndToEndTest.Process p = LauncherEndToEndTest.launch(dir, "plugins", "--plugin-path", jar.toString());
    assertEquals(2, p.exitCode(), p.err());
    List<String> lines = p.err().strip().lines().toList();
    assertEquals(1, lines.size(), "one line: " + p.err());
    assertTrue(lines.get(0).startsWith("rnnlab: " + jar), "names the jar: " + lines.get(0));
    assertTrue(lines.get(0).contains(expected), lines.get(0));
    assertFalse(p.err().contains("\tat "), "no stack trace");
  }

  /** A jar that announces {@code module} and holds the class files of {@code classes}. */
  private static Path jar(String name, String module, Class<?>... classes) throws IOException {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/org.rnnlab.plugin.PluginModule"));
      out.write((module + "\n").getBytes(StandardCharsets.UTF_8));
      for (Class<?> c : classes) {
        String path = c.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(path));
        try (var in = c.getClassLoader().getResourceAsStream(path)) {
          in.transferTo(out);
        }
      }
    }
    return jar;
  }

  private static void run(Path directory, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("mvn", ".log");
    Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + Files.readString(log));
  }

  private static void copy(Path from, Path to) throws IOException {
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(from)) {
      walk.filter(p -> !from.relativize(p).startsWith("target")).forEach(files::add);
    }
    for (Path f : files) {
      Path target = to.resolve(from.relativize(f).toString());
      if (Files.isDirectory(f)) {
        Files.createDirectories(target);
      } else {
        try (OutputStream out = Files.newOutputStream(target)) {
          Files.copy(f, out);
        }
      }
    }
  }
}
