package org.rnnlab.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON bodies the dashboard's scripts send ({@code {"add": ["a"], "remove": []}},
 * {@code {"notes": "…"}}): an object of strings, lists of strings, numbers, booleans and null,
 * nested at most a few levels. Anything else is refused.
 */
final class JsonBody {
  private final String text;
  private int at;

  private JsonBody(String text) {
    this.text = text;
  }

  /** @throws Dashboard.Refusal (400) when {@code text} is not such an object */
  static Map<String, Object> parse(String text) throws Dashboard.Refusal {
    JsonBody p = new JsonBody(text);
    try {
      p.space();
      Object value = p.value(0);
      p.space();
      if (p.at != text.length() || !(value instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("expected one JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return map;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new Dashboard.Refusal(400, "not a JSON object of the expected shape: " + e.getMessage());
    }
  }

  /** The strings of {@code key} (absent: none). */
  static List<String> strings(Map<String, Object> body, String key) {
    Object value = body.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String)) {
      throw new IllegalArgumentException(key + ": expected a list of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private Object value(int depth) {
    if (depth > 8) {
      throw new IllegalArgumentException("nested too deep");
    }
    char c = text.charAt(at);
    if (c == '{') {
      at++;
      Map<String, Object> map = new LinkedHashMap<>();
      space();
      if (text.charAt(at) == '}') {
        at++;
        return map;
      }
      while (true) {
        space();
        String key = string();
        space();
        expect(':');
        space();
        map.put(key, value(depth + 1));
        space();
        if (text.charAt(at) == ',') {
          at++;
          continue;
        }
        expect('}');
        return map;
      }
    }
    if (c == '[') {
      at++;
      List<Object> list = new ArrayList<>();
      space();
      if (text.charAt(at) == ']') {
        at++;
        return list;
      }
      while (true) {
        space();
        list.add(value(depth + 1));
        space();
        if (text.charAt(at) == ',') {
          at++;
          continue;
        }
        expect(']');
        return list;
      }
    }
    if (c == '"') {
      return string();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, at)) {
        at += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
    }
    return Double.parseDouble(text.substring(start, at));
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char e = text.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + e);
        }
      } else if (c < 0x20) {
        throw new IllegalArgumentException("a control character in a string");
      } else {
        b.append(c);
      }
    }
  }

  private void expect(char c) {
    if (text.charAt(at) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + at);
    }
    at++;
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
