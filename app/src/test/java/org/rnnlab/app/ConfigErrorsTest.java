package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad input ends with exit code 2 and one line naming file:line:column, the key, what was
 * expected and what is allowed; no stack trace, and no run directory at all.
 */
class ConfigErrorsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown component | network: {cell: lstmm}"
          + " | bad.yaml:1:17: network.cell: unknown cell 'lstmm'; available: {cells} (did you mean 'lstm'?)",
      "unknown key       | network: {hiden: 10}"
          + " | bad.yaml:1:11: network.hiden: unknown key; network takes hidden, cell, layers, dropout, init, recurrent_init, precision"
          + " (did you mean 'hidden'?)",
      "wrong type        | seed: abc"
          + " | bad.yaml:1:7: seed: expected an integer ≥ 0, got 'abc'",
      "negative size     | network: {hidden: -5}"
          + " | bad.yaml:1:19: network.hidden: expected an integer in 1..4096, got '-5'",
      "zero batch        | experiment: {type: train, batch_size: 0}"
          + " | bad.yaml:1:39: experiment.batch_size: expected an integer in 1..65536, got '0'",
      "bad learning rate | optimizer: {type: sgd, learning_rate: -1}"
          + " | bad.yaml:1:39: optimizer.learning_rate: expected a finite number in (0, 1000], got '-1'",
      "bad enum          | network: {cell: {type: rnn, activation: sigmoid}}"
          + " | bad.yaml:1:41: network.cell.activation: expected one of tanh, relu, got 'sigmoid'",
      "malformed YAML    | network: {hidden: 5"
          + " | bad.yaml:2:1: malformed YAML: expected ',' or '}', but got <stream end> (while parsing a flow mapping)",
      "java tag          | task: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]"
          + " | bad.yaml:1:7: task: the tag !!javax.script.ScriptEngineManager is not allowed: configs are plain YAML"
          + " (mappings, lists, strings, numbers, booleans) and never construct objects",
      "bad name          | name: ../../etc"
          + " | bad.yaml:1:7: name: expected 1..100 letters, digits, '.', '_' or '-', not starting with '.' or '-'"
          + " (it names a directory in runs/); got '../../etc'",
      "a sink twice      | sinks: [console, chart, chart]"
          + " | bad.yaml:1:25: sinks.2: chart is listed twice; each sink writes its own files, so list a sink once",
      "settings at odds  | experiment: {log_every: 100, checkpoint_every: 150}"
          + " | bad.yaml:1:48: experiment.checkpoint_every: expected 0 or a multiple of experiment.log_every (100),"
          + " got 150",
  })
  void aBadConfigIsOneLineAndExitCodeTwo(String what, String yaml, String message) throws IOException {
    Path config = Files.writeString(dir.resolve("bad.yaml"), yaml.strip() + "\n");
    assertRejected(message.strip(), config.toString(), "bad.yaml");
  }

  @Test
  void aMissingFile() throws IOException {
    assertRejected("nope.yaml: no such file", dir.resolve("nope.yaml").toString(), "nope.yaml");
  }

  @Test
  void aBadOverride() throws IOException {
    Path config = Files.writeString(dir.resolve("ok.yaml"), Runs.SMALL);
    Runs.Result result = run(config.toString(), "network.hidden=many");
    assertEquals(2, result.exitCode());
    assertEquals("rnnlab: override 'network.hidden=many': network.hidden: expected an integer in 1..4096, got 'many'",
        result.err().strip());
    Runs.Result index = run(config.toString(), "sinks.2147483648=csv");
    assertEquals("rnnlab: override 'sinks.2147483648=csv': sinks.2147483648: no item 2147483648 in the list at sinks"
        + " (it has 2 items, indexed from 0)", index.err().strip());
    Runs.Result huge = run(config.toString(), "network.hidden=" + "9".repeat(5000));
    assertEquals(2, huge.exitCode());
    assertTrue(huge.err().length() < 500 && huge.err().contains("…[4835 more characters]…")
        && huge.err().contains("…[4920 more characters]'"), huge.err());
    Runs.Result name = run(config.toString(), "name=../x");
    assertEquals(2, name.exitCode());
    assertEquals("rnnlab: override 'name=../x': name: expected 1..100 letters, digits, '.', '_' or '-', not starting"
        + " with '.' or '-' (it names a directory in runs/); got '../x'", name.err().strip());
  }

  private void assertRejected(String message, String configArgument, String displayName) throws IOException {
    Runs.Result result = run(configArgument);
    assertEquals(2, result.exitCode(), result.err());
    String err = result.err().strip().replace(configArgument, displayName);
    assertEquals("rnnlab: " + message.replace("{cells}", registeredCells()), err);
    assertTrue(!err.contains("\n") && !err.contains("Exception"), "one line, no stack trace: " + err);
    assertEquals(0, Runs.runDirectories(dir.resolve("runs")).size(), "no run directory for bad input");
  }

  /** The cells registered on this class path, as the message lists them (adding a plugin changes it). */
  private static String registeredCells() {
    return String.join(", ", com.google.inject.Guice.createInjector(org.rnnlab.discovery.Plugins.discover(
        ConfigErrorsTest.class.getClassLoader()).guiceModules()).getInstance(org.rnnlab.plugin.ComponentRegistry.class)
        .names(org.rnnlab.spi.Cell.class));
  }

  private Runs.Result run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--runs-dir";
    all[args.length + 1] = dir.resolve("runs").toString();
    return Runs.execute(all);
  }
}
