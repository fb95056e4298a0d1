package org.rnnlab.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies command-line overrides {@code key.path=value} to a config tree. The value is YAML
 * ({@code 0.01}, {@code tanh}, {@code [csv]}, {@code {type: norm, max_norm: 5}}); the path walks
 * mappings by key and lists by index, creating mappings that are missing. A component written as
 * its bare type name ({@code clipper: norm}) is expanded to {@code {type: norm}} when an override
 * sets one of its keys.
 */
public final class Overrides {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9]+");

  private Overrides() {}

  /** Applies each override in order to {@code root} (modified). */
  public static void apply(ConfigNode.MapNode root, List<String> overrides) {
    for (String override : overrides) {
      apply(root, override);
    }
  }

  static void apply(ConfigNode.MapNode root, String override) {
    apply(root, override, Origin.override(override));
  }

  /** Applies one override that came from {@code origin} (an option such as {@code --slurm}). */
  public static void apply(ConfigNode.MapNode root, String override, Origin origin) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(origin, "", "expected key.path=value, e.g. optimizer.learning_rate=0.01");
    }
    String path = override.substring(0, eq).strip();
    String[] segments = path.split("\\.", -1);
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new ConfigException(origin, path,
            "bad key path; expected names separated by dots (list items by index), e.g. network.hidden");
      }
    }
    ConfigNode value = YamlSource.parseValue(override.substring(eq + 1).strip(), origin.source(), path);
    ConfigNode parent = root;
    String walked = "";
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      String here = YamlSource.join(walked, segment);
      if (parent instanceof ConfigNode.MapNode map) {
        if (last) {
          map.put(segment, origin, value);
          return;
        }
        ConfigNode child = map.entries().get(segment);
        if (child == null || child instanceof ConfigNode.ScalarNode s && s.isNull()) {
          child = new ConfigNode.MapNode(origin);
          map.put(segment, origin, child);
        } else if (child instanceof ConfigNode.ScalarNode s) {
          child = expand(s);
          map.put(segment, map.keyOrigin(segment), child);
        }
        parent = child;
      } else if (parent instanceof ConfigNode.ListNode list) {
        int index = segment.matches("[0-9]{1,9}") ? Integer.parseInt(segment) : -1;
        if (index < 0 || index >= list.items().size()) {
          throw new ConfigException(origin, here,
              "no item " + segment + " in the list at " + walked + " (it has " + list.items().size() + " items, indexed from 0)");
        }
        if (last) {
          list.items().set(index, value);
          return;
        }
        ConfigNode item = list.items().get(index);
        if (item instanceof ConfigNode.ScalarNode s && !s.isNull()) {
          item = expand(s);
          list.items().set(index, item);
        }
        parent = item;
      } else {
        throw new ConfigException(origin, here, walked + " is a single value, not a mapping or list");
      }
      walked = here;
    }
  }

  /**
   * Splits {@code text} at its commas outside brackets and braces: {@code a=1,b=[x, y]} gives
   * {@code a=1} and {@code b=[x, y]} (each stripped).
   */
  public static List<String> splitTopLevel(String text) {
    List<String> parts = new java.util.ArrayList<>();
    int depth = 0, start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    parts.add(text.substring(start).strip());
    return parts;
  }

  /** {@code norm} → {@code {type: norm}}: a component given by its bare type name. */
  private static ConfigNode.MapNode expand(ConfigNode.ScalarNode typeName) {
    ConfigNode.MapNode expanded = new ConfigNode.MapNode(typeName.origin());
    expanded.put("type", typeName.origin(), typeName);
    return expanded;
  }
}
