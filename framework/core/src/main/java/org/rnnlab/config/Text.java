package org.rnnlab.config;

/**
 * Text from users and files made safe to print: every message rnnlab writes is one line, of
 * bounded length, and inert on a terminal (no control character from a value, a file or a
 * directory name reaches it raw).
 */
public final class Text {
  private Text() {}

  /**
   * {@code text} with every control character written as an escape: {@code \n}, {@code \r},
   * {@code \t}, {@code \e} (ESC), {@code \\u00XX} for the rest (C0, DEL and C1 controls, and the
   * Unicode line and paragraph separators). A backslash stays a backslash.
   */
  public static String inert(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder s = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case 0x1b -> "\\e";
        default -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
            ? String.format("\\u%04x", (int) c) : null;
      };
      if (escape != null && s == null) {
        s = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (s != null) {
        if (escape != null) {
          s.append(escape);
        } else {
          s.append(c);
        }
      }
    }
    return s == null ? text : s.toString();
  }

  /**
   * {@code text} as a message quotes it: whole up to {@code limit} characters, else its first
   * {@code head} and last {@code tail} characters around a count of the rest.
   */
  public static String abbreviated(String text, int limit, int head, int tail) {
    if (text.length() <= limit) {
      return text;
    }
    return text.substring(0, head) + "…[" + (text.length() - head - tail) + " more characters]"
        + (tail > 0 ? "…" + text.substring(text.length() - tail) : "");
  }

  /** A line for the user: inert, and at most about {@code limit} characters. */
  public static String line(String text, int limit) {
    return abbreviated(inert(text), limit, limit * 3 / 4, limit / 5);
  }
}
