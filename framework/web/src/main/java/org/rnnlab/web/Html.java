package org.rnnlab.web;

import java.util.List;
import org.rnnlab.archive.Table;

/**
 * The dashboard's HTML: every text from the archive goes through {@link #text} (run names, notes,
 * config values and file contents are data, never markup), and pages carry no inline script or
 * style, so the Content-Security-Policy can forbid both.
 */
final class Html {
  private Html() {}

  /** {@code text} escaped for an element's content or a quoted attribute; control characters but line breaks and tabs become U+FFFD. */
  static String text(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ? '\ufffd' : c);
      }
    }
    return b.toString();
  }

  /** A URL's query value or path segment, percent-encoded (everything but unreserved characters). */
  static String url(String value) {
    StringBuilder b = new StringBuilder();
    for (byte x : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  /** A run's id ({@code run} or {@code sweep/point}) as a path: each name encoded, the slash kept. */
  static String idPath(String id) {
    StringBuilder b = new StringBuilder();
    for (String name : id.split("/", -1)) {
      b.append(b.length() == 0 ? "" : "/").append(url(name));
    }
    return b.toString();
  }

  /**
   * A whole page: {@code kind} names it for the script ({@code <body data-page>}), {@code charts}
   * loads uPlot.
   */
  static String page(String title, String kind, boolean charts, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + text(title) + " · rnnlab</title>\n"
        + "<link rel=\"icon\" href=\"data:,\">\n" // else the browser asks for /favicon.ico
        + (charts ? "<link rel=\"stylesheet\" href=\"/static/uplot/uPlot.min.css\">\n" : "")
        + "<link rel=\"stylesheet\" href=\"/static/dashboard.css\">\n"
        + (charts ? "<script defer src=\"/static/uplot/uPlot.iife.min.js\"></script>\n" : "")
        + "<script defer src=\"/static/dashboard.js\"></script>\n"
        + "</head>\n<body data-page=\"" + text(kind) + "\">\n"
        + "<nav><a class=\"home\" href=\"/\">rnnlab</a> <span class=\"where\">" + text(title) + "</span></nav>\n"
        + "<main>\n" + body + "</main>\n</body>\n</html>\n";
  }

  /** A core table ({@link Table}) as an HTML table, each cell escaped. */
  static String table(Table table, String cssClass) {
    return table(table.header(), table.rows(), cssClass);
  }

  static String table(List<String> header, List<List<String>> rows, String cssClass) {
    StringBuilder b = new StringBuilder("<table class=\"" + text(cssClass) + "\">\n<thead><tr>");
    header.forEach(h -> b.append("<th>").append(text(h)).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      b.append("<tr>");
      row.forEach(cell -> b.append("<td>").append(text(cell)).append("</td>"));
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n").toString();
  }

  /** A two-column table of keys and values. */
  static String keyValues(java.util.Map<String, String> map, String cssClass) {
    return table(List.of("key", "value"), map.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList(),
        cssClass);
  }
}
