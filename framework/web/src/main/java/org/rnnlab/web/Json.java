package org.rnnlab.web;

import java.util.Collection;
import java.util.Map;

/**
 * JSON for the dashboard's scripts, from plain maps, collections, strings, numbers, booleans and
 * {@code double[]} columns. A number that JSON cannot hold (NaN, ±∞) is null, which the charts
 * draw as a gap. '<', '>' and '&' are escaped too, so no text can close a tag wherever the JSON
 * ends up.
 */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  private static void write(StringBuilder b, Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof String s) {
      string(b, s);
    } else if (value instanceof Boolean bool) {
      b.append(bool);
    } else if (value instanceof Double || value instanceof Float) {
      number(b, ((Number) value).doubleValue());
    } else if (value instanceof Number n) {
      b.append(n.longValue());
    } else if (value instanceof double[] column) {
      b.append('[');
      for (int i = 0; i < column.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        number(b, column[i]);
      }
      b.append(']');
    } else if (value instanceof Map<?, ?> map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(b, String.valueOf(e.getKey()));
        b.append(':');
        write(b, e.getValue());
      }
      b.append('}');
    } else if (value instanceof Collection<?> list) {
      b.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          b.append(',');
        }
        first = false;
        write(b, item);
      }
      b.append(']');
    } else {
      string(b, value.toString());
    }
  }

  private static void number(StringBuilder b, double v) {
    if (!Double.isFinite(v)) {
      b.append("null");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      b.append((long) v);
    } else {
      b.append(v);
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
