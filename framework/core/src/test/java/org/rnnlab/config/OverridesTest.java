package org.rnnlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {

  @Test
  void setsNestedKeysCreatingMissingMappings() {
    ConfigNode.MapNode root = parse("a: {b: 1}\n");
    Overrides.apply(root, List.of("a.b=2", "a.c.d=[x, y]", "e=3"));
    assertEquals("2", scalar(root, "a", "b").text());
    assertEquals(2, ((ConfigNode.ListNode) ((ConfigNode.MapNode) ((ConfigNode.MapNode) root.entries().get("a"))
        .entries().get("c")).entries().get("d")).items().size());
    assertEquals("3", scalar(root, "e").text());
    assertEquals(Origin.of("override 'e=3'"), scalar(root, "e").origin());
  }

  @Test
  void expandsAComponentGivenByNameWhenOneOfItsKeysIsSet() {
    ConfigNode.MapNode root = parse("clipper: norm\nsinks: [console, csv]\n");
    Overrides.apply(root, List.of("clipper.max_norm=5", "sinks.1.file=m.csv"));
    assertEquals("norm", scalar(root, "clipper", "type").text());
    assertEquals("5", scalar(root, "clipper", "max_norm").text());
    ConfigNode.MapNode csv = (ConfigNode.MapNode) ((ConfigNode.ListNode) root.entries().get("sinks")).items().get(1);
    assertEquals("csv", ((ConfigNode.ScalarNode) csv.entries().get("type")).text());
  }

  @Test
  void badOverridesSayWhatIsExpected() {
    ConfigNode.MapNode root = parse("a: {b: 1}\nl: [1]\n");
    assertEquals("override 'a.b': expected key.path=value, e.g. optimizer.learning_rate=0.01",
        assertThrows(ConfigException.class, () -> Overrides.apply(root, List.of("a.b"))).getMessage());
    assertEquals("override 'a..b=1': a..b: bad key path; expected names separated by dots (list items by index),"
        + " e.g. network.hidden",
        assertThrows(ConfigException.class, () -> Overrides.apply(root, List.of("a..b=1"))).getMessage());
    assertEquals("override 'l.3=1': l.3: no item 3 in the list at l (it has 1 items, indexed from 0)",
        assertThrows(ConfigException.class, () -> Overrides.apply(root, List.of("l.3=1"))).getMessage());
    assertEquals("override 'x=[1': x: malformed YAML: expected ',' or ']', but got <stream end>"
            + " (while parsing a flow sequence)",
        assertThrows(ConfigException.class, () -> Overrides.apply(root, List.of("x=[1"))).getMessage());
    assertEquals("override 'x=!!java.io.File /tmp': x: the tag !!java.io.File is not allowed: configs are plain YAML"
            + " (mappings, lists, strings, numbers, booleans) and never construct objects",
        assertThrows(ConfigException.class, () -> Overrides.apply(root, List.of("x=!!java.io.File /tmp")))
            .getMessage());
  }

  private static ConfigNode.MapNode parse(String yaml) {
    return (ConfigNode.MapNode) YamlSource.parseFileText(yaml, "t.yaml");
  }

  private static ConfigNode.ScalarNode scalar(ConfigNode.MapNode root, String... path) {
    ConfigNode node = root;
    for (String key : path) {
      node = ((ConfigNode.MapNode) node).entries().get(key);
    }
    return (ConfigNode.ScalarNode) node;
  }
}
