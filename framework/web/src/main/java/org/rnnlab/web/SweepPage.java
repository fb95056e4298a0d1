package org.rnnlab.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.store.SweepRecord;

/**
 * A sweep's page: its points as a table (the value of each axis, the status read from the point's
 * own directory, the key results), and its charts grouped as {@code ./run compare} groups them:
 * points that differ only by seed are one line with a ± std band.
 */
final class SweepPage {
  private SweepPage() {}

  static String render(ArchivePaths paths, Path sweep, String id, Comparison.Stat stat, boolean eachRun)
      throws IOException {
    SweepState state = SweepState.read(sweep);
    SweepRecord record = state.record();
    String name = record.name() == null ? sweep.getFileName().toString() : record.name();
    StringBuilder b = new StringBuilder();
    b.append("<h1>Sweep ").append(Html.text(name)).append(" <span class=\"status status-sweep\">")
        .append(Html.text(state.describe())).append("</span></h1>\n");
    b.append("<p class=\"run-id\">").append(Html.text(id)).append(record.start() == null ? ""
        : " · started " + Html.text(ArchivePage.shortTime(record.start()))).append(" · ")
        .append(state.points().size()).append(" points, ").append(record.jobs()).append(" at a time");
    if (!record.overrides().isEmpty()) {
      b.append(" · every point: <code>").append(Html.text(String.join(" ", record.overrides()))).append("</code>");
    }
    b.append("</p>\n");

    List<String> axes = new ArrayList<>(record.axes().keySet());
    b.append("<section>\n<h2>Points</h2>\n<form method=\"get\" action=\"/compare\">\n"
        + "<p class=\"actions\"><button type=\"submit\">Compare ticked points</button></p>\n"
        + "<table class=\"runs\" id=\"points\">\n<thead><tr><th class=\"tick\"></th><th>point</th>");
    axes.forEach(a -> b.append("<th>").append(Html.text(a)).append("</th>"));
    b.append("<th>status</th><th>steps</th><th>final train loss</th><th>final test accuracy</th>"
        + "<th>best test accuracy</th><th>wall s</th><th>tags</th></tr></thead>\n<tbody>\n");
    Path root = paths.root();
    for (SweepState.PointState p : state.points()) {
      RunRecord r = p.run();
      String pointId = r == null || root == null ? null : ArchivePaths.id(root, r.directory());
      b.append("<tr><td class=\"tick\">");
      if (pointId != null) {
        b.append("<input type=\"checkbox\" name=\"run\" value=\"").append(Html.text(pointId)).append("\">");
      }
      b.append("</td><td>");
      if (pointId != null) {
        b.append("<a href=\"/run/").append(Html.idPath(pointId)).append("\">").append(Html.text(p.record().directory()))
            .append("</a>");
      } else {
        b.append(Html.text(p.record().directory()));
      }
      b.append("</td>");
      for (String axis : axes) {
        String value = "";
        for (String override : p.record().overrides()) {
          if (override.startsWith(axis + "=")) {
            value = override.substring(axis.length() + 1);
          }
        }
        b.append("<td>").append(Html.text(value)).append("</td>");
      }
      b.append("<td><span class=\"status ").append(ArchivePage.statusClass(p.status())).append("\">")
          .append(Html.text(p.status())).append("</span></td>");
      b.append("<td class=\"number\">").append(r == null || r.steps() == null ? "-" : r.steps()).append("</td>");
      for (Double v : r == null ? new Double[] {null, null, null} : new Double[] {r.finalLoss(), r.finalAccuracy(),
          r.bestAccuracy()}) {
        b.append("<td class=\"number\">").append(v == null ? "-" : Html.text(ArchivePage.number(v))).append("</td>");
      }
      b.append("<td class=\"number\">").append(r == null || r.wallSeconds() == null ? "-"
          : String.format(Locale.ROOT, "%.1f", r.wallSeconds())).append("</td><td class=\"tags\">")
          .append(r == null ? "" : ArchivePage.tagLinks(r.tags())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</form>\n</section>\n");

    Selection selection = Selection.of(paths, List.of(id));
    if (selection.runs.size() >= 2) {
      b.append(ComparePage.controls(selection, stat, eachRun, "/sweep/" + Html.idPath(id)));
      b.append(ComparePage.tables(Comparison.of(selection.runs), stat));
      b.append(ComparePage.chartsSection(selection, eachRun));
    }
    return Html.page("sweep " + name, "sweep", true, b.toString());
  }
}
