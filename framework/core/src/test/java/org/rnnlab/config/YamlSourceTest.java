package org.rnnlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlSourceTest {
  @TempDir Path dir;

  @Test
  void readsMappingsListsAndScalarsWithTheirPositions() throws IOException {
    ConfigNode.MapNode root = load("a: 1\nb:\n  c: [x, 'y']\n  d: ~\n");
    ConfigNode.ScalarNode a = (ConfigNode.ScalarNode) root.entries().get("a");
    assertEquals("1", a.text());
    assertEquals(new Origin("test.yaml", 1, 4), a.origin());
    ConfigNode.MapNode b = (ConfigNode.MapNode) root.entries().get("b");
    ConfigNode.ListNode c = (ConfigNode.ListNode) b.entries().get("c");
    assertTrue(((ConfigNode.ScalarNode) c.items().get(0)).plain());
    assertTrue(!((ConfigNode.ScalarNode) c.items().get(1)).plain());
    assertTrue(((ConfigNode.ScalarNode) b.entries().get("d")).isNull());
    assertEquals(new Origin("test.yaml", 4, 3), b.keyOrigin("d"));
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    ConfigException e = fails("a: 1\nb: [1, 2\nc: 3\n");
    assertTrue(e.getMessage().startsWith("test.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    assertTrue(e.origin().line() >= 2, e.getMessage());
  }

  @Test
  void tagsNamingJavaTypesAreRejectedWhereverTheyAre() {
    ConfigException top = fails("a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
    assertEquals("test.yaml:1:4: a: the tag !!javax.script.ScriptEngineManager is not allowed: configs are plain YAML"
        + " (mappings, lists, strings, numbers, booleans) and never construct objects", top.getMessage());
    ConfigException nested = fails("a:\n  b:\n    - 1\n    - !!java.io.File /etc/passwd\n");
    assertEquals(new Origin("test.yaml", 4, 7), nested.origin());
    assertEquals("a.b.1", nested.key());
    assertTrue(fails("a: !custom x\n").getMessage().contains("the tag !custom is not allowed"));
  }

  @Test
  void duplicateKeysAreRejected() {
    ConfigException e = fails("seed: 1\nname: x\nseed: 2\n");
    assertEquals("test.yaml:3:1: seed: duplicate key (first given at test.yaml:1:1)", e.getMessage());
  }

  @Test
  void aliasBombsAreStopped() {
    StringBuilder s = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      s.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        s.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      s.append("]\n");
      previous = c;
    }
    ConfigException e = fails(s.toString());
    assertTrue(e.getMessage().contains("rejected YAML") || e.getMessage().contains("alias"), e.getMessage());
  }

  @Test
  void emptyAndCommentOnlyFilesAreRejected() {
    assertTrue(fails("").getMessage().contains("the file is empty"));
    assertTrue(fails("# nothing here\n\n").getMessage().contains("the file is empty"));
  }

  @Test
  void theTopLevelMustBeAMapping() {
    assertEquals("test.yaml:1:1: expected a mapping of settings at the top level, got a list", fails("- a\n- b\n").getMessage());
    assertTrue(fails("just text\n").getMessage().contains("expected a mapping of settings at the top level"));
  }

  @Test
  void filesThatAreNotConfigsAreRejected() throws IOException {
    assertEquals("nope.yaml: no such file",
        assertThrows(ConfigException.class, () -> YamlSource.loadFile(dir.resolve("nope.yaml"), "nope.yaml")).getMessage());
    assertEquals("d: is a directory; expected a YAML config file",
        assertThrows(ConfigException.class, () -> YamlSource.loadFile(dir, "d")).getMessage());
    Path binary = dir.resolve("junk.yaml");
    Files.write(binary, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    assertEquals("junk.yaml: not UTF-8 text (invalid byte at offset 3); expected a YAML config file",
        assertThrows(ConfigException.class, () -> YamlSource.loadFile(binary, "junk.yaml")).getMessage());
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[YamlSource.MAX_BYTES + 1]);
    assertTrue(assertThrows(ConfigException.class, () -> YamlSource.loadFile(big, "big.yaml")).getMessage()
        .contains("a config may be at most"));
  }

  @Test
  void parseValueReadsFlowValues() {
    assertInstanceOf(ConfigNode.ListNode.class, YamlSource.parseValue("[csv, chart]", "x", "k"));
    assertInstanceOf(ConfigNode.MapNode.class, YamlSource.parseValue("{type: norm, max_norm: 2}", "x", "k"));
    assertTrue(((ConfigNode.ScalarNode) YamlSource.parseValue("", "x", "k")).isNull());
  }

  private ConfigNode.MapNode load(String text) throws IOException {
    Path file = dir.resolve("test.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return YamlSource.loadFile(file, "test.yaml");
  }

  private ConfigException fails(String text) {
    return assertThrows(ConfigException.class, () -> load(text));
  }
}
