package org.rnnlab.archive;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table rendered as aligned text, Markdown, CSV or JSON (an array of objects). The commands that
 * print tables ({@code list}, {@code compare}, sweeps) share it. Each column has a title for
 * people (text and Markdown: "final test accuracy") and a key for machines (CSV and JSON:
 * "final_test_accuracy"); a number cell is shown to 4 significant digits for people and in full
 * precision for machines; a missing cell (null) is "-" for people, empty in CSV, null in JSON.
 */
public final class Table {

  /** How a table is printed. */
  public enum Format {
    TABLE,
    CSV,
    JSON,
    MARKDOWN
  }

  /** A column: its key for machines, its title for people. */
  public record Column(String key, String title) {
    /** A column titled by its key with '_' as spaces. */
    public static Column of(String key) {
      return new Column(key, key.replace('_', ' '));
    }
  }

  private final List<Column> columns;
  private final List<List<Object>> cells = new ArrayList<>();

  /** A table whose columns are titled by their keys. */
  public Table(List<String> keys) {
    this.columns = keys.stream().map(k -> new Column(k, k)).toList();
  }

  private Table(List<Column> columns, boolean unused) {
    this.columns = List.copyOf(columns);
  }

  /** A table with these columns. */
  public static Table withColumns(List<Column> columns) {
    return new Table(columns, true);
  }

  /** Adds a row: strings, numbers, or null for a missing value. */
  public Table add(List<?> row) {
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException(row.size() + " cells for " + columns.size() + " columns");
    }
    cells.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    return this;
  }

  /** The titles, as text and Markdown show them. */
  public List<String> header() {
    return columns.stream().map(Column::title).toList();
  }

  /** The rows as text and Markdown show them. */
  public List<List<String>> rows() {
    return cells.stream().map(r -> r.stream().map(Table::human).toList()).toList();
  }

  public String render(Format format) {
    return switch (format) {
      case TABLE -> text(header(), rows());
      case MARKDOWN -> markdown(header(), rows());
      case CSV -> csv();
      case JSON -> json();
    };
  }

  /** A cell for people: a short number, or the text made inert and at most 200 characters. */
  private static String human(Object cell) {
    if (cell == null) {
      return "-";
    }
    if (cell instanceof Double || cell instanceof Float) {
      return number(((Number) cell).doubleValue());
    }
    return org.rnnlab.config.Text.line(cell.toString(), 200);
  }

  /** A cell for machines: a number in full precision, or the text made inert (CSV and JSON quote the rest). */
  private static String machine(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Double || cell instanceof Float) {
      return org.rnnlab.store.CsvAppender.field(((Number) cell).doubleValue());
    }
    return org.rnnlab.config.Text.inert(cell.toString());
  }

  private static String text(List<String> header, List<List<String>> rows) {
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

  private static String markdown(List<String> header, List<List<String>> rows) {
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
    try (CSVPrinter printer = new CSVPrinter(out, org.rnnlab.store.CsvAppender.FORMAT)) {
      printer.printRecord(columns.stream().map(Column::key).toList());
      for (List<Object> row : cells) {
        printer.printRecord(row.stream().map(Table::machine).toList());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private String json() {
    StringBuilder s = new StringBuilder("[");
    for (int r = 0; r < cells.size(); r++) {
      s.append(r == 0 ? "\n  {" : ",\n  {");
      for (int c = 0; c < columns.size(); c++) {
        s.append(c == 0 ? "" : ", ").append(quote(columns.get(c).key())).append(": ").append(jsonValue(cells.get(r).get(c)));
      }
      s.append('}');
    }
    return s.append(cells.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  /** Numbers as numbers in full precision (NaN and infinities as null), null as null, the rest as strings. */
  private static String jsonValue(Object cell) {
    if (cell == null) {
      return "null";
    }
    if (cell instanceof Number n) {
      double v = n.doubleValue();
      if (cell instanceof Double || cell instanceof Float) {
        return Double.isFinite(v) ? org.rnnlab.store.CsvAppender.field(v) : "null";
      }
      return n.toString();
    }
    return quote(org.rnnlab.config.Text.inert(cell.toString()));
  }

  /**
   * {@code s} as a JSON string: in double quotes, with quote, backslash and control characters
   * escaped. Also a valid YAML double-quoted scalar.
   */
  public static String quote(String s) {
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
