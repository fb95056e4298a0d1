package org.rnnlab.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dotted config keys made short for labels, without becoming ambiguous. */
public final class KeyNames {
  private KeyNames() {}

  /**
   * The shortest tail of {@code key} (whole segments) that no other of {@code keys} ends with, and
   * never a bare {@code type}, which names a component only together with its key: {@code
   * optimizer.learning_rate} → {@code learning_rate}, {@code network.cell.type} → {@code
   * cell.type}.
   */
  public static String shortest(String key, Collection<String> keys) {
    String[] parts = key.split("\\.");
    for (int n = 1; n <= parts.length; n++) {
      String tail = String.join(".", Arrays.copyOfRange(parts, parts.length - n, parts.length));
      if (tail.equals("type") && n < parts.length) {
        continue;
      }
      long same = keys.stream().filter(k -> k.equals(tail) || k.endsWith("." + tail)).count();
      if (same <= 1) {
        return tail;
      }
    }
    return key;
  }

  /**
   * A tree of maps and lists as dotted keys and the text of their values: {@code a.b.c}; items of
   * a list of mappings by index ({@code sinks.1.width}, with {@code sinks.size}), other lists as
   * one value.
   */
  public static Map<String, String> flatten(Object tree) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", tree, out);
    return out;
  }

  private static void flatten(String prefix, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
    } else if (value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof Map<?, ?>)) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "." + i, list.get(i), out);
      }
      out.putIfAbsent(prefix + ".size", Integer.toString(list.size()));
    } else {
      out.put(prefix, String.valueOf(value));
    }
  }

  /**
   * The first key whose value differs between two flattened trees, as "key was A, is B" (a key one
   * of them lacks as "(absent)"), or null when they are the same.
   */
  public static String firstDifference(Map<String, String> was, Map<String, String> is) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(was.keySet());
    keys.addAll(is.keySet());
    for (String key : keys) {
      String a = was.getOrDefault(key, "(absent)"), b = is.getOrDefault(key, "(absent)");
      if (!a.equals(b)) {
        return key + " was " + ConfigException.abbreviated(a, 80, 60, 10) + ", is " + ConfigException.abbreviated(b, 80, 60, 10);
      }
    }
    return null;
  }
}
