package org.rnnlab.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rnnlab.plugin.ComponentKinds;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.ComponentType;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;

/**
 * Binds a {@link ConfigNode} tree to a settings record: fills defaults, checks types and ranges,
 * looks components up by {@code type} name, and reports the first problem as a {@link
 * ConfigException} that names the value's origin, its key path, what was expected and what is
 * allowed.
 */
public final class Binder {
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+(_[0-9]+)*");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?([0-9][0-9_]*(\\.[0-9_]*)?|\\.[0-9_]+)([eE][-+]?[0-9]+)?");
  private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[-+]?Infinity|NaN");

  private final ComponentRegistry registry;
  private final Path base;

  /** A binder whose path settings resolve against the working directory (for tests and tools). */
  public Binder(ComponentRegistry registry) {
    this(registry, Path.of("").toAbsolutePath());
  }

  /**
   * @param base the directory that relative {@link Setting#path() path} settings are taken from:
   *     the config file's
   */
  public Binder(ComponentRegistry registry, Path base) {
    this.registry = registry;
    this.base = base.toAbsolutePath().normalize();
  }

  /** Binds {@code node} (a mapping) to a new instance of {@code type}. */
  public <R extends Record> R bind(Class<R> type, ConfigNode node, String path) {
    return type.cast(bindRecord(type, node, path));
  }

  /** Binds the settings record of a component; {@code node} is the component's mapping (its {@code type} key is skipped). */
  public Record bindSettings(ComponentType<?> component, ConfigNode.MapNode node, String path) {
    return bindRecord(component.settingsType(), node, path, component);
  }

  private Record bindRecord(Class<?> type, ConfigNode node, String path) {
    if (!(node instanceof ConfigNode.MapNode map)) {
      throw expected(node, path, "a mapping of " + String.join(", ", Schema.components(type).keySet()));
    }
    return bindRecord(type, map, path, null);
  }

  private Record bindRecord(Class<?> type, ConfigNode.MapNode map, String path, ComponentType<?> component) {
    Map<String, RecordComponent> components = Schema.components(type);
    for (Map.Entry<String, ConfigNode> entry : map.entries().entrySet()) {
      String key = entry.getKey();
      if (component != null && key.equals("type")) {
        continue;
      }
      if (!components.containsKey(key)) {
        String owner = component != null ? component.toString() : (path.isEmpty() ? "the top level" : path);
        List<String> allowed = new ArrayList<>(components.keySet());
        if (component != null) {
          allowed.add(0, "type");
        }
        String hint = suggestion(key, allowed);
        throw new ConfigException(map.keyOrigin(key), YamlSource.join(path, key),
            "unknown key; " + owner + " takes " + (allowed.isEmpty() ? "no settings" : String.join(", ", allowed)) + hint);
      }
    }
    RecordComponent[] rc = type.getRecordComponents();
    Object[] args = new Object[rc.length];
    Class<?>[] argTypes = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) {
      String key = Schema.key(rc[i]);
      Setting setting = Schema.setting(rc[i]);
      String keyPath = YamlSource.join(path, key);
      ConfigNode value = map.entries().get(key);
      if (value == null) {
        if (setting.defaultValue().equals(Setting.REQUIRED)) {
          throw new ConfigException(map.origin(), keyPath,
              "missing; expected " + expectation(rc[i].getGenericType(), setting) + " (" + setting.value() + ")");
        }
        value = YamlSource.parseValue(setting.defaultValue(), "default of " + keyPath, keyPath);
      }
      args[i] = bindValue(rc[i].getGenericType(), value, keyPath, setting);
      argTypes[i] = rc[i].getType();
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(argTypes);
      constructor.setAccessible(true);
      return (Record) constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidSetting bad) {
        String key = blamed(map, bad.keys());
        ConfigNode value = map.entries().get(key);
        throw new ConfigException(value != null ? value.origin() : map.origin(), YamlSource.join(path, key),
            bad.getMessage());
      }
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw new ConfigException(map.origin(), path, bad.getMessage());
      }
      throw new IllegalStateException("constructing " + type.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct settings " + type.getName(), e);
    }
  }

  /**
   * Of the keys a broken rule involves, the one to blame: the one a command-line override set
   * (the value the user just typed), else the first one the mapping gives, else the first.
   */
  static String blamed(ConfigNode.MapNode map, List<String> keys) {
    for (String key : keys) {
      ConfigNode value = map.entries().get(key);
      if (value != null && value.origin().source().startsWith("override ")) {
        return key;
      }
    }
    return keys.stream().filter(map.entries()::containsKey).findFirst().orElse(keys.get(0));
  }

  private Object bindValue(Type type, ConfigNode node, String path, Setting setting) {
    if (type instanceof ParameterizedType p && p.getRawType() == Configured.class) {
      return bindComponent((Class<?>) p.getActualTypeArguments()[0], node, path, setting);
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      if (!(node instanceof ConfigNode.ListNode list)) {
        throw expected(node, path, "a list of " + Schema.describeType(p.getActualTypeArguments()[0]) + ", e.g. [a, b]");
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < list.items().size(); i++) {
        values.add(bindValue(p.getActualTypeArguments()[0], list.items().get(i), path + "." + i, setting));
      }
      return List.copyOf(values);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return bindRecord(c, node, path);
    }
    type = unboxed(type);
    if (type == String.class && setting.defaultValue().isEmpty() && node instanceof ConfigNode.ScalarNode n
        && n.isNull()) {
      return ""; // an optional text left empty (YAML reads nothing as null)
    }
    ConfigNode.ScalarNode scalar = scalar(type, node, path, setting);
    String text = scalar.text().strip();
    if (type == int.class || type == long.class) {
      if (!scalar.plain() || !INTEGER.matcher(text).matches()) {
        throw expected(node, path, expectation(type, setting));
      }
      long value;
      try {
        value = Long.parseLong(text.replace("_", "").replace("+", ""));
      } catch (NumberFormatException e) {
        throw expected(node, path, expectation(type, setting));
      }
      if (type == int.class && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) || !inRange(value, setting)) {
        throw expected(node, path, expectation(type, setting));
      }
      return type == int.class ? (Object) (int) value : (Object) value;
    }
    if (type == double.class) {
      if (!scalar.plain() || !(NUMBER.matcher(text).matches() || NON_FINITE.matcher(text).matches())) {
        throw expected(node, path, expectation(type, setting));
      }
      double value = parseDouble(text);
      if (!Double.isFinite(value) || !inRange(value, setting)) {
        throw expected(node, path, expectation(type, setting));
      }
      return value;
    }
    if (type == boolean.class) {
      if (!scalar.plain() || !(text.equals("true") || text.equals("false"))) {
        throw expected(node, path, "true or false");
      }
      return Boolean.parseBoolean(text);
    }
    if (type == String.class) {
      if (setting.path() && !scalar.text().isEmpty()) {
        try {
          // In a file, relative to the file; typed on the command line, relative to the shell's directory.
          Path from = node.origin().isOverride() ? Path.of("").toAbsolutePath() : base;
          return from.resolve(scalar.text()).normalize().toString();
        } catch (InvalidPathException e) {
          throw expected(node, path, "a file path");
        }
      }
      return scalar.text();
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      for (Object constant : c.getEnumConstants()) {
        if (Schema.enumName((Enum<?>) constant).equals(text)) {
          return constant;
        }
      }
      List<String> names = Schema.enumNames(c);
      throw expected(node, path, "one of " + String.join(", ", names) + suggestion(text, names));
    }
    throw new IllegalStateException("unsupported setting type " + type + " at " + path);
  }

  private Configured<?> bindComponent(Class<?> kind, ConfigNode node, String path, Setting setting) {
    String kindName = ComponentKinds.displayName(kind);
    ConfigNode.MapNode map;
    ConfigNode typeNode;
    if (node instanceof ConfigNode.ScalarNode scalar && !scalar.isNull()) {
      typeNode = scalar;
      map = new ConfigNode.MapNode(scalar.origin());
    } else if (node instanceof ConfigNode.MapNode m) {
      map = m;
      typeNode = m.entries().get("type");
      if (typeNode == null) {
        typeNode = defaultType(kind, setting, path, m);
      }
    } else {
      throw expected(node, path, "a " + kindName + ": its type name (one of " + String.join(", ", registry.names(kind))
          + ") or a mapping with 'type' and its settings");
    }
    if (!(typeNode instanceof ConfigNode.ScalarNode typeScalar) || typeScalar.isNull()) {
      throw expected(typeNode, YamlSource.join(path, "type"), "the name of a " + kindName + ": one of "
          + String.join(", ", registry.names(kind)));
    }
    String name = typeScalar.text().strip();
    ComponentType<?> component = registry.find(kind, name);
    if (component == null) {
      List<String> names = registry.names(kind);
      throw new ConfigException(typeScalar.origin(), path, "unknown " + kindName + " '" + name + "'; available: "
          + (names.isEmpty() ? "none (is a plugin missing?)" : String.join(", ", names)) + suggestion(name, names));
    }
    return new Configured<>(component, bindSettings(component, map, path));
  }

  /** The type a component's default names, for a mapping that leaves {@code type} out. */
  private ConfigNode defaultType(Class<?> kind, Setting setting, String path, ConfigNode.MapNode map) {
    String missing = "missing; expected the name of a " + ComponentKinds.displayName(kind) + ": one of "
        + String.join(", ", registry.names(kind));
    if (setting.defaultValue().equals(Setting.REQUIRED)) {
      throw new ConfigException(map.origin(), YamlSource.join(path, "type"), missing);
    }
    ConfigNode fallback = YamlSource.parseValue(setting.defaultValue(), "default of " + path, path);
    if (fallback instanceof ConfigNode.MapNode m) {
      fallback = m.entries().get("type");
    }
    if (!(fallback instanceof ConfigNode.ScalarNode)) { // e.g. an item of a list of components
      throw new ConfigException(map.origin(), YamlSource.join(path, "type"), missing);
    }
    return fallback;
  }

  /** List elements are boxed; they bind like the primitives. */
  private static Type unboxed(Type type) {
    if (type == Integer.class) {
      return int.class;
    }
    if (type == Long.class) {
      return long.class;
    }
    if (type == Double.class) {
      return double.class;
    }
    return type == Boolean.class ? boolean.class : type;
  }

  private static ConfigNode.ScalarNode scalar(Type type, ConfigNode node, String path, Setting setting) {
    if (node instanceof ConfigNode.ScalarNode s && !s.isNull()) {
      return s;
    }
    throw expected(node, path, expectation(type, setting));
  }

  private static String expectation(Type type, Setting setting) {
    boolean integer = type == int.class || type == long.class;
    if (integer || type == double.class) {
      String range = Schema.range(setting, integer);
      String what = integer ? "an integer" : "a finite number";
      return range.isEmpty() ? what : what + " " + range;
    }
    String described = Schema.describeType(type);
    return described.startsWith("one of") ? described : "a " + described;
  }

  private static boolean inRange(double value, Setting s) {
    boolean aboveMin = s.exclusiveMin() ? value > s.min() : value >= s.min();
    return aboveMin && value <= s.max();
  }

  private static double parseDouble(String text) {
    String t = text.replace("_", "");
    if (NON_FINITE.matcher(t).matches()) {
      return t.toLowerCase().contains("nan") ? Double.NaN : (t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return Double.parseDouble(t);
  }

  private static ConfigException expected(ConfigNode node, String path, String expectation) {
    return new ConfigException(node.origin(), path, "expected " + expectation + ", got " + node.describe());
  }

  /** " (did you mean 'x'?)" for the closest allowed word within a small edit distance, else "". */
  static String suggestion(String word, List<String> allowed) {
    return allowed.stream()
        .filter(a -> editDistance(word, a) <= Math.max(1, Math.min(2, a.length() / 3)))
        .min(Comparator.comparingInt(a -> editDistance(word, a)))
        .map(a -> " (did you mean '" + a + "'?)")
        .orElse("");
  }

  /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one each. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
