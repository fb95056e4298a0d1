package org.rnnlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.config.ConfigNode;
import org.rnnlab.config.YamlSource;

/** An axis value written back as the one-line YAML of an override reads as the value it was. */
class FlowTextTest {

  /** A node with its scalars' kinds, so a number that became a string (or the reverse) shows. */
  private static String shape(ConfigNode node) {
    if (node instanceof ConfigNode.MapNode map) {
      StringBuilder s = new StringBuilder("{");
      map.entries().forEach((k, v) -> s.append(k).append('→').append(shape(v)).append(';'));
      return s.append('}').toString();
    }
    if (node instanceof ConfigNode.ListNode list) {
      return list.items().stream().map(FlowTextTest::shape).toList().toString();
    }
    ConfigNode.ScalarNode s = (ConfigNode.ScalarNode) node;
    return (s.isNull() ? "null" : s.plain() ? "plain:" : "string:") + s.text();
  }

  @Test
  void valuesSurviveTheirRoundTrip() {
    String[] values = {
      "{type: lstm, forget_bias: 2.0}", "[1, 2.5, -3, null, true]", "\"a, b\"", "\"line\\nbreak\\ttab\"",
      "{\"k,1\": [x, \"y: z\"], nested: {deep: [[1], {a: 'q\"uote'}]}}", "'back\\slash'", "\"\\x01\"", "\"\"",
    };
    for (String text : values) {
      ConfigNode original = YamlSource.parseValue(text, "test", "key");
      String flow = SweepSection.flowText(original);
      ConfigNode again = YamlSource.parseValue(flow, "test", "key");
      assertEquals(shape(original).replace("plain:", "").replace("string:", ""),
          shape(again).replace("plain:", "").replace("string:", ""), text + " → " + flow);
      assertEquals(flow, SweepSection.flowText(again), "written the same way twice: " + text);
    }
  }
}
