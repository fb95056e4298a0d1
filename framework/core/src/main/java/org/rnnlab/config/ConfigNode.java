package org.rnnlab.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed config value that remembers where it came from: a mapping, a list or a scalar. The
 * YAML document and the command-line overrides are merged as trees of these before binding, so
 * every error can name the file, line and column of the value that caused it.
 */
public sealed interface ConfigNode {

  Origin origin();

  /** What the node is, for messages: "a mapping", "a list", "a number", … */
  String describe();

  /** A mapping with string keys, in document order. Mutable while overrides are applied. */
  final class MapNode implements ConfigNode {
    private final Origin origin;
    private final Map<String, ConfigNode> entries = new LinkedHashMap<>();
    private final Map<String, Origin> keyOrigins = new LinkedHashMap<>();

    public MapNode(Origin origin) {
      this.origin = origin;
    }

    @Override
    public Origin origin() {
      return origin;
    }

    @Override
    public String describe() {
      return "a mapping";
    }

    public Map<String, ConfigNode> entries() {
      return entries;
    }

    /** Where the key itself was written (for "unknown key" errors). */
    public Origin keyOrigin(String key) {
      return keyOrigins.getOrDefault(key, origin);
    }

    public void put(String key, Origin keyOrigin, ConfigNode value) {
      entries.put(key, value);
      keyOrigins.put(key, keyOrigin);
    }
  }

  /** A sequence. */
  final class ListNode implements ConfigNode {
    private final Origin origin;
    private final List<ConfigNode> items = new ArrayList<>();

    public ListNode(Origin origin) {
      this.origin = origin;
    }

    @Override
    public Origin origin() {
      return origin;
    }

    @Override
    public String describe() {
      return "a list";
    }

    public List<ConfigNode> items() {
      return items;
    }
  }

  /**
   * A scalar as written.
   *
   * @param text the characters of the value (without quotes)
   * @param plain true when unquoted; quoted text is always a string
   * @param isNull true for YAML null ({@code ~}, {@code null}, or nothing)
   */
  record ScalarNode(String text, boolean plain, boolean isNull, Origin origin) implements ConfigNode {
    @Override
    public String describe() {
      if (isNull) {
        return "nothing (null)";
      }
      String shown = ConfigException.abbreviated(text, 100, 80, 0);
      return plain ? "'" + shown + "'" : "the string \"" + shown + "\"";
    }
  }
}
