package org.rnnlab.web;

import java.io.IOException;
import java.util.Locale;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.Table;

/**
 * The compare page: the keys whose values differ (as {@code ./run compare} prints them), the
 * statistic of each metric with its step, the runs' tags and notes, and overlay charts in which
 * runs that differ only by seed are one line with a ± std band. The selection, the statistic and
 * "each run" live in the URL, so a comparison can be shared.
 */
final class ComparePage {
  private ComparePage() {}

  static String render(Selection selection, Comparison.Stat stat, boolean eachRun) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Compare ").append(selection.runs.size()).append(" runs</h1>\n");
    if (!selection.unknown.isEmpty()) {
      b.append("<p class=\"problem\">not runs of this archive (left out): ")
          .append(Html.text(String.join(", ", selection.unknown))).append("</p>\n");
    }
    if (selection.runs.size() < 2) {
      b.append("<p>Tick at least two runs (or a sweep) on <a href=\"/\">the archive</a> to compare them.</p>\n");
      return Html.page("compare", "compare", false, b.toString());
    }
    Comparison comparison = Comparison.of(selection.runs);
    b.append(controls(selection, stat, eachRun, "/compare"));
    b.append(tables(comparison, stat));
    b.append(chartsSection(selection, eachRun));
    return Html.page("compare", "compare", true, b.toString());
  }

  /** The statistic and "each run" form, keeping the selection. */
  static String controls(Selection selection, Comparison.Stat stat, boolean eachRun, String action) {
    StringBuilder b = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"" + Html.text(action) + "\">\n");
    if (action.equals("/compare")) {
      for (String id : selection.ids) {
        b.append("<input type=\"hidden\" name=\"run\" value=\"").append(Html.text(id)).append("\">");
      }
    }
    b.append("<label>statistic <select name=\"stat\">");
    for (Comparison.Stat s : Comparison.Stat.values()) {
      String name = s.name().toLowerCase(Locale.ROOT);
      b.append("<option").append(s == stat ? " selected" : "").append(">").append(name).append("</option>");
    }
    b.append("</select></label> <label><input type=\"checkbox\" name=\"each\" value=\"1\"")
        .append(eachRun ? " checked" : "").append("> each run (no mean ± std over seeds)</label> ")
        .append("<button type=\"submit\">Show</button>");
    if (action.equals("/compare")) {
      b.append(" <a id=\"share\" href=\"/compare?").append(Html.text(selection.query())).append("&amp;stat=")
          .append(stat.name().toLowerCase(Locale.ROOT)).append(eachRun ? "&amp;each=1" : "")
          .append("\">link to this comparison</a>");
    }
    return b.append("\n</form>\n").toString();
  }

  /** The config differences, the statistics, and the tags and notes. */
  static String tables(Comparison comparison, Comparison.Stat stat) {
    StringBuilder b = new StringBuilder();
    b.append("<section>\n<h2>Config: the keys that differ</h2>\n");
    b.append(comparison.differingKeys().isEmpty() ? "<p>(none: the runs have the same config)</p>\n"
        : Html.table(comparison.configTable(), "data"));
    b.append("</section>\n<section>\n<h2>Metrics: ").append(stat.name().toLowerCase(Locale.ROOT))
        .append(" value @ step</h2>\n");
    java.util.List<String> metrics = Comparison.DEFAULT_METRICS.stream().filter(comparison.columns()::contains).toList();
    b.append(Html.table(comparison.metricsTable(metrics, stat), "data")).append("</section>\n");
    Table annotations = comparison.annotationsTable();
    if (!annotations.rows().isEmpty()) {
      b.append("<section>\n<h2>Tags and notes</h2>\n").append(Html.table(annotations, "data")).append("</section>\n");
    }
    return b.toString();
  }

  /** Where the script draws the overlay charts of {@code /api/compare?<selection>}. */
  static String chartsSection(Selection selection, boolean eachRun) {
    return "<section>\n<h2>Charts</h2>\n<div class=\"chart-controls\">"
        + "<label>smoothing <input type=\"range\" id=\"smoothing\" min=\"0\" max=\"0.99\" step=\"0.01\" value=\"0\">"
        + " <output id=\"smoothing-value\">0</output></label> "
        + "<label><input type=\"checkbox\" id=\"log-y\"> log y axis</label> "
        + "<span class=\"hint\">runs that differ only by seed: mean, band ± one standard deviation</span></div>\n"
        + "<div id=\"charts\" class=\"charts\" data-compare=\"" + Html.text(selection.query() + (eachRun ? "&each=1" : ""))
        + "\"></div>\n<noscript><p>The charts need JavaScript; ./run compare draws them as PNG.</p></noscript>\n"
        + "</section>\n";
  }
}
