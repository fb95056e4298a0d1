package org.rnnlab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rnnlab.archive.Table;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.ConfigNode;
import org.rnnlab.config.Origin;
import org.rnnlab.run.ConfigLoader;

/**
 * The {@code sweep:} section of an experiment file: the grid that {@code ./run <file>} runs
 * (exactly as the same axes given to {@code --sweep}), and optionally a map of the result.
 *
 * <pre>
 * sweep:
 *   axes:                              # key: [values] or key: a..b[:step]; the last varies fastest
 *     network.cell: [rnn, {type: lstm, forget_bias: 2.0}, gru]
 *     task.length: [5, 10, 20]
 *     seed: 1..2
 *   map: {x: task.delay, y: task.length, reach: 0.99}   # see MapSettings
 * </pre>
 *
 * <p>The command line has the last word: an axis of {@code --sweep} replaces the file's axis of
 * that key, and an override {@code key=value} of a swept key fixes it (the axis is dropped, and the
 * command says so). A single run never sees the section (see {@link ConfigLoader}).
 *
 * @param axes the file's axes, in order
 * @param origins where each axis was written, by key
 * @param map the map settings, or null for none
 * @param mapOrigin where the map was written
 */
public record SweepSection(List<SweepAxes.Axis> axes, Map<String, Origin> origins, MapSettings map, Origin mapOrigin) {

  /** A file without a sweep section. */
  public static final SweepSection NONE = new SweepSection(List.of(), Map.of(), null, null);

  public SweepSection {
    axes = List.copyOf(axes);
    origins = Map.copyOf(origins);
  }

  /**
   * Reads the section of {@code file} after {@code overrides}.
   *
   * @throws ConfigException for a bad section, with file, line and column
   */
  public static SweepSection read(ConfigLoader loader, Path file, String displayName, List<String> overrides) {
    ConfigNode node = loader.section(file, displayName, overrides, ConfigLoader.SWEEP_KEY);
    if (node == null || node instanceof ConfigNode.ScalarNode s && s.isNull()) {
      return NONE;
    }
    String key = ConfigLoader.SWEEP_KEY;
    if (!(node instanceof ConfigNode.MapNode section)) {
      throw new ConfigException(node.origin(), key, "expected a mapping with axes (and a map), got " + node.describe());
    }
    for (String k : section.entries().keySet()) {
      if (!k.equals("axes") && !k.equals(MapSettings.KEY)) {
        throw new ConfigException(section.keyOrigin(k), key + "." + k, "unknown key; sweep takes axes, map");
      }
    }
    ConfigNode axesNode = section.entries().get("axes");
    if (!(axesNode instanceof ConfigNode.MapNode axesMap) || axesMap.entries().isEmpty()) {
      throw new ConfigException(axesNode == null ? section.origin() : axesNode.origin(), key + ".axes",
          "expected a mapping of swept keys to their values, e.g. {optimizer.learning_rate: [0.003, 0.01], seed:"
              + " 1..3}" + (axesNode == null ? "" : ", got " + axesNode.describe()));
    }
    List<SweepAxes.Axis> axes = new ArrayList<>();
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : axesMap.entries().entrySet()) {
      String path = key + ".axes." + e.getKey();
      Origin at = axesMap.keyOrigin(e.getKey());
      List<String> values = new ArrayList<>();
      List<Origin> valueOrigins = new ArrayList<>();
      if (e.getValue() instanceof ConfigNode.ListNode list) {
        list.items().forEach(item -> {
          values.add(flowText(item));
          valueOrigins.add(item.origin());
        });
      } else if (e.getValue() instanceof ConfigNode.ScalarNode s && !s.isNull()
          && s.text().strip().matches(SweepAxes.RANGE)) {
        values.addAll(SweepAxes.range(s.text().strip(), s.origin(), path));
        values.forEach(v -> valueOrigins.add(s.origin()));
      } else {
        throw new ConfigException(e.getValue().origin(), path, "expected a list of values such as [0.003, 0.01] or a"
            + " range a..b[:step] such as 1..5, got " + e.getValue().describe());
      }
      if (values.size() < 2 || values.stream().distinct().count() < values.size()) {
        throw new ConfigException(e.getValue().origin(), path, "an axis needs two or more different values, got "
            + values.size() + (values.size() < 2 ? " (set a single value in the config itself)" : " with repeats"));
      }
      axes.add(new SweepAxes.Axis(e.getKey(), values, valueOrigins));
      origins.put(e.getKey(), at);
    }
    MapSettings map = null;
    Origin mapOrigin = null;
    ConfigNode mapNode = section.entries().get(MapSettings.KEY);
    if (mapNode != null && !(mapNode instanceof ConfigNode.ScalarNode s && s.isNull())) {
      map = loader.bind(MapSettings.class, mapNode, key + "." + MapSettings.KEY);
      mapOrigin = mapNode.origin();
      for (String axis : List.of(map.x(), map.y())) {
        if (!origins.containsKey(axis)) {
          throw new ConfigException(mapOrigin, key + "." + MapSettings.KEY, axis + " is not an axis of the sweep;"
              + " the map's x and y are two of " + String.join(", ", origins.keySet()));
        }
      }
    }
    return new SweepSection(axes, origins, map, mapOrigin);
  }

  /**
   * The sweep the command runs: the file's axes less those the command line fixes (an override of
   * the key, also as a single value of {@code --sweep}) or replaces (an axis of {@code --sweep}
   * with the key), then the command line's axes.
   *
   * @param commandLine the {@code --sweep} arguments read, or null when none were given
   * @param overrides the command's {@code key=value} overrides
   * @param notes told what was dropped or replaced, and why
   * @return the sweep, or null when nothing is left to sweep
   */
  public SweepAxes combine(SweepAxes commandLine, List<String> overrides, Consumer<String> notes) {
    List<SweepAxes.Axis> combined = new ArrayList<>();
    List<String> fixing = new ArrayList<>(overrides);
    List<SweepAxes.Axis> given = commandLine == null ? List.of() : commandLine.axes();
    if (commandLine != null) {
      fixing.addAll(commandLine.overrides()); // --sweep key=value: an override of every point
    }
    for (SweepAxes.Axis axis : axes) {
      SweepAxes.Axis replacement = given.stream().filter(a -> a.key().equals(axis.key())).findFirst().orElse(null);
      String fixedBy = null, inside = null;
      for (String o : fixing) {
        String key = o.indexOf('=') > 0 ? o.substring(0, o.indexOf('=')).strip() : "";
        if (key.equals(axis.key())) {
          fixedBy = o;
        } else if (key.startsWith(axis.key() + ".")) {
          inside = o;
        }
      }
      if (replacement != null) {
        notes.accept("note: --sweep " + axis.key() + "=… replaces the axis of " + origins.get(axis.key()));
        combined.add(replacement); // in the file axis's place
      } else if (fixedBy != null) {
        notes.accept("note: " + fixedBy + " fixes " + axis.key() + ", which " + origins.get(axis.key())
            + " sweeps: that axis is dropped");
      } else {
        if (inside != null) {
          notes.accept("note: " + inside + " is inside " + axis.key() + ", which " + origins.get(axis.key())
              + " sweeps: each point's value of " + axis.key() + " replaces it (fix or sweep " + axis.key()
              + " itself instead)");
        }
        combined.add(axis);
      }
    }
    for (SweepAxes.Axis axis : given) {
      if (combined.stream().noneMatch(a -> a.key().equals(axis.key()))) {
        combined.add(axis);
      }
    }
    if (combined.isEmpty()) {
      return null;
    }
    return new SweepAxes(combined, commandLine == null ? List.of() : commandLine.overrides());
  }

  /** A node as one line of flow YAML, as an override's value takes it: {@code {type: lstm, forget_bias: 2.0}}. */
  static String flowText(ConfigNode node) {
    if (node instanceof ConfigNode.MapNode map) {
      List<String> entries = new ArrayList<>();
      map.entries().forEach((k, v) -> entries.add(scalarText(k, true) + ": " + flowText(v)));
      return "{" + String.join(", ", entries) + "}";
    }
    if (node instanceof ConfigNode.ListNode list) {
      return "[" + String.join(", ", list.items().stream().map(SweepSection::flowText).toList()) + "]";
    }
    ConfigNode.ScalarNode s = (ConfigNode.ScalarNode) node;
    if (s.isNull()) {
      return "null";
    }
    return scalarText(s.text(), s.plain());
  }

  /** A scalar as flow YAML: as written when plain and safe there, else double-quoted with escapes. */
  private static String scalarText(String text, boolean plain) {
    if (plain && !text.isEmpty() && !text.matches("(?s).*[,\\[\\]{}:#\"'\\x00-\\x1f].*")) {
      return text;
    }
    return Table.quote(text); // a JSON string is a YAML double-quoted scalar
  }
}
