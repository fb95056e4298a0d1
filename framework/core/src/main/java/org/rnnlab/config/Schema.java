package org.rnnlab.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.Setting;
import org.rnnlab.plugin.SettingsRecords;

/**
 * How settings records map to YAML: key names, enum names, type descriptions and ranges. Shared by
 * the {@link Binder}, the resolved-config renderer and the generated reference.
 */
public final class Schema {
  private Schema() {}

  /** {@code maxNorm} → {@code max_norm} (see {@link SettingsRecords#key}). */
  public static String key(RecordComponent component) {
    return SettingsRecords.key(component);
  }

  /** {@code NO_CLIP} → {@code no-clip} (see {@link SettingsRecords#enumName}). */
  public static String enumName(Enum<?> constant) {
    return SettingsRecords.enumName(constant);
  }

  public static Setting setting(RecordComponent component) {
    Setting setting = component.getAnnotation(Setting.class);
    if (setting == null) {
      throw new IllegalStateException(
          component.getDeclaringRecord().getName() + "." + component.getName() + " lacks a @Setting annotation");
    }
    return setting;
  }

  /** The documented components of a settings record, in declaration order, by YAML key. */
  public static Map<String, RecordComponent> components(Class<?> recordType) {
    Map<String, RecordComponent> map = new LinkedHashMap<>();
    for (RecordComponent c : recordType.getRecordComponents()) {
      setting(c);
      map.put(key(c), c);
    }
    return map;
  }

  /** A short description of what a type accepts, e.g. "integer", "one of tanh, relu", "list of sink". */
  public static String describeType(Type type) {
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "integer";
    }
    if (type == double.class || type == Double.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == String.class) {
      return "string";
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      return "one of " + String.join(", ", enumNames(c));
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return "mapping";
    }
    if (type instanceof ParameterizedType p && p.getRawType() == Configured.class) {
      return org.rnnlab.plugin.ComponentKinds.displayName((Class<?>) p.getActualTypeArguments()[0]);
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return "list of " + describeType(p.getActualTypeArguments()[0]);
    }
    throw new IllegalStateException("unsupported setting type " + type);
  }

  static List<String> enumNames(Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      names.add(enumName((Enum<?>) constant));
    }
    return names;
  }

  /** The allowed range in words, e.g. "≥ 1", "> 0", "in 1..100000", or "" when unbounded. */
  public static String range(Setting s, boolean integer) {
    boolean hasMin = s.min() != Double.NEGATIVE_INFINITY;
    boolean hasMax = s.max() != Double.POSITIVE_INFINITY;
    String min = number(s.min(), integer);
    String max = number(s.max(), integer);
    if (hasMin && hasMax) {
      if (integer && !s.exclusiveMin()) {
        return "in " + min + ".." + max;
      }
      return "in " + (s.exclusiveMin() ? "(" : "[") + min + ", " + max + "]";
    }
    if (hasMin) {
      return (s.exclusiveMin() ? "> " : "≥ ") + min;
    }
    return hasMax ? "≤ " + max : "";
  }

  static String number(double value, boolean integer) {
    if (integer || value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** The value of a bound settings tree as plain maps, lists and scalars, every default filled. */
  public static Object render(Object value) {
    return SettingsRecords.render(value);
  }
}
