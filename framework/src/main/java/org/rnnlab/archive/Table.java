package org.rnnlab.archive;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table of text cells rendered as aligned text, Markdown, CSV or JSON (an array of objects keyed
 * by the header). The commands that print tables ({@code list}, {@code compare}, sweeps) share it.
 */
public final class Table {

  /** How a table is printed. */
  public enum Format {
    TABLE,
    CSV,
    JSON,
    MARKDOWN
  }

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(List<String> header) {
    this.header = List.copyOf(header);
  }

  public Table add(List<String> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException(row.size() + " cells for " + header.size() + " columns");
    }
    rows.add(List.copyOf(row));
    return this;
  }

  public List<String> header() {
    return header;
  }

  public List<List<String>> rows() {
    return rows;
  }

  public String render(Format format) {
    return switch (format) {
      case TABLE -> text();
      case MARKDOWN -> markdown();
      case CSV -> csv();
      case JSON -> json();
    };
  }

  private String text() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder s = new StringBuilder();
    line(s, header, widths);
    for (List<String> row : rows) {
      line(s, row, widths);
    }
    return s.toString();
  }

  private static void line(StringBuilder s, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append("  ");
      }
      line.append(cells.get(c)).append(" ".repeat(widths[c] - cells.get(c).length()));
    }
    s.append(line.toString().stripTrailing()).append('\n');
  }

  private String markdown() {
    StringBuilder s = new StringBuilder("| ").append(String.join(" | ", escape(header))).append(" |\n|");
    s.append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      s.append("| ").append(String.join(" | ", escape(row))).append(" |\n");
    }
    return s.toString();
  }

  private static List<String> escape(List<String> cells) {
    return cells.stream().map(c -> c.replace("|", "\\|")).toList();
  }

  private String csv() {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
      printer.printRecord(header);
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private String json() {
    StringBuilder s = new StringBuilder("[");
    for (int r = 0; r < rows.size(); r++) {
      Map<String, String> object = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        object.put(header.get(c), rows.get(r).get(c));
      }
      s.append(r == 0 ? "\n  {" : ",\n  {");
      int c = 0;
      for (Map.Entry<String, String> e : object.entrySet()) {
        s.append(c++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ").append(jsonValue(e.getValue()));
      }
      s.append('}');
    }
    return s.append(rows.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  /** Numbers stay numbers; empty cells and dashes are null; everything else a string. */
  private static String jsonValue(String cell) {
    if (cell.isEmpty() || cell.equals("-")) {
      return "null";
    }
    if (cell.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
      return cell;
    }
    return quote(cell);
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> {
          if (ch < 0x20) {
            q.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            q.append(ch);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  /** A number for a cell: 4 significant digits, or "-" when absent. */
  public static String number(Double value) {
    if (value == null || Double.isNaN(value)) {
      return "-";
    }
    double a = Math.abs(value);
    if (a != 0 && (a >= 1e6 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return String.format(Locale.ROOT, "%.4f", value).replaceAll("(\\.[0-9]*?)0+$", "$1").replaceAll("\\.$", "");
  }
}
