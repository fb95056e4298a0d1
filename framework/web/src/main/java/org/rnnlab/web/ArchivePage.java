package org.rnnlab.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.Table;

/**
 * The archive page: every run and sweep with its status, name, start, steps and key results, the
 * columns of {@code ./run list}; filtered by status, name and tag and sorted by any column through
 * the query (so it works without a script and a view can be shared), and a box per run to tick
 * runs for comparing.
 */
final class ArchivePage {
  private ArchivePage() {}

  /** The statuses the filter offers, as {@code ./run list --status} takes them. */
  static final List<String> STATUSES = List.of("completed", "failed", "diverged", "interrupted", "running",
      "incomplete", "damaged", "sweep");

  /** Sortable columns: query name, heading, and the value sorted by. */
  private record Column(String key, String title, Function<RunRecord, Comparable<?>> value) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("run", "run", r -> r.directory().getFileName().toString()),
      new Column("name", "name", RunRecord::name),
      new Column("start", "start", RunRecord::start),
      new Column("status", "status", RunRecord::status),
      new Column("steps", "steps", RunRecord::steps),
      new Column("loss", "final train loss", RunRecord::finalLoss),
      new Column("accuracy", "final test accuracy", RunRecord::finalAccuracy),
      new Column("best", "best test accuracy", RunRecord::bestAccuracy),
      new Column("wall", "wall s", RunRecord::wallSeconds));

  /** What the query asks for. */
  record Query(String status, String name, String tag, String sort, boolean ascending) {
    static Query of(Map<String, List<String>> params) {
      String sort = first(params, "sort");
      return new Query(first(params, "status"), first(params, "name"), first(params, "tag"),
          COLUMNS.stream().anyMatch(c -> c.key().equals(sort)) ? sort : "run", "asc".equals(first(params, "order")));
    }

    boolean matches(RunRecord r) {
      return (status == null || status.isEmpty() || r.status().startsWith(status.toLowerCase(Locale.ROOT)))
          && (name == null || name.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))
              || r.directory().getFileName().toString().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
          && (tag == null || tag.isEmpty() || r.tags().contains(tag));
    }

    /** This query's URL with the sort set to {@code key} (the order flips when it already sorts by it). */
    String sortedBy(String key) {
      boolean asc = key.equals(sort) ? !ascending : !key.equals("run") && !key.equals("start");
      return "/?" + param("status", status) + param("name", name) + param("tag", tag) + "sort=" + key + "&order="
          + (asc ? "asc" : "desc");
    }

    private static String param(String key, String value) {
      return value == null || value.isEmpty() ? "" : key + "=" + Html.url(value) + "&";
    }
  }

  static String first(Map<String, List<String>> params, String key) {
    List<String> values = params.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static String render(List<RunIndex.Entry> all, Query query) {
    Column sort = COLUMNS.stream().filter(c -> c.key().equals(query.sort())).findFirst().orElse(COLUMNS.get(0));
    Comparator<Comparable> values = query.ascending() ? Comparator.naturalOrder() : Comparator.reverseOrder();
    Comparator<RunIndex.Entry> order = Comparator.comparing((RunIndex.Entry e) -> (Comparable) sort.value()
        .apply(e.record()), Comparator.nullsLast(values));
    order = order.thenComparing((RunIndex.Entry e) -> e.record().directory().getFileName().toString(),
        Comparator.reverseOrder());
    List<RunIndex.Entry> shown = all.stream().filter(e -> query.matches(e.record())).sorted(order).toList();
    TreeSet<String> tags = new TreeSet<>();
    all.forEach(e -> tags.addAll(e.record().tags()));
    long sweeps = all.stream().filter(e -> e.record().status().startsWith("sweep")).count();

    StringBuilder b = new StringBuilder();
    b.append("<h1>Archive</h1>\n<p class=\"counts\">").append(all.size() - sweeps).append(" runs, ").append(sweeps)
        .append(" sweeps").append(shown.size() == all.size() ? "" : "; " + shown.size() + " shown").append("</p>\n");
    b.append("<form class=\"filters\" method=\"get\" action=\"/\">\n");
    b.append("<label>status <select name=\"status\"><option value=\"\">any</option>");
    for (String s : STATUSES) {
      b.append("<option").append(s.equals(query.status()) ? " selected" : "").append(">").append(s)
          .append("</option>");
    }
    b.append("</select></label>\n<label>name <input type=\"search\" name=\"name\" value=\"")
        .append(Html.text(query.name())).append("\"></label>\n");
    b.append("<label>tag <select name=\"tag\" id=\"tag-filter\"><option value=\"\">any</option>");
    for (String t : tags) {
      b.append("<option").append(t.equals(query.tag()) ? " selected" : "").append(">").append(Html.text(t))
          .append("</option>");
    }
    if (query.tag() != null && !query.tag().isEmpty() && !tags.contains(query.tag())) {
      b.append("<option selected>").append(Html.text(query.tag())).append("</option>");
    }
    b.append("</select></label>\n<input type=\"hidden\" name=\"sort\" value=\"").append(Html.text(query.sort()))
        .append("\"><input type=\"hidden\" name=\"order\" value=\"").append(query.ascending() ? "asc" : "desc")
        .append("\">\n<button type=\"submit\">Filter</button> <a href=\"/\">clear</a>\n</form>\n");

    if (all.isEmpty()) {
      return b.append("<p class=\"empty\">No runs yet. <code>./run configs/memory.yaml</code> makes one.</p>\n")
          .toString();
    }
    b.append("<form class=\"runs\" method=\"get\" action=\"/compare\">\n");
    b.append("<p class=\"actions\"><button type=\"submit\" id=\"compare\">Compare ticked runs</button>"
        + " <span class=\"hint\">a sweep stands for its points</span></p>\n");
    b.append("<table class=\"runs\" id=\"runs\">\n<thead><tr><th class=\"tick\"></th>");
    for (Column c : COLUMNS) {
      String arrow = c.key().equals(sort.key()) ? (query.ascending() ? " ▲" : " ▼") : "";
      b.append("<th><a href=\"").append(Html.text(query.sortedBy(c.key()))).append("\">").append(Html.text(c.title()))
          .append(arrow).append("</a></th>");
    }
    b.append("<th>tags</th></tr></thead>\n<tbody>\n");
    for (RunIndex.Entry e : shown) {
      RunRecord r = e.record();
      boolean sweep = r.status().startsWith("sweep");
      String dir = r.directory().getFileName().toString();
      b.append("<tr data-id=\"").append(Html.text(e.id() == null ? "" : e.id())).append("\" data-status=\"")
          .append(Html.text(sweep ? "sweep" : r.status())).append("\">");
      b.append("<td class=\"tick\">");
      if (e.id() != null) {
        b.append("<input type=\"checkbox\" name=\"run\" value=\"").append(Html.text(e.id())).append("\" aria-label=\"")
            .append(Html.text(dir)).append("\">");
      }
      b.append("</td><td class=\"run\">");
      if (e.id() != null) {
        b.append("<a href=\"/").append(sweep ? "sweep/" : "run/").append(Html.idPath(e.id())).append("\">")
            .append(Html.text(dir)).append("</a>");
      } else {
        b.append(Html.text(dir)).append(" <span class=\"problem\" title=\"its name has characters that rnnlab never"
            + " gives a run; it is not served\">(not served)</span>");
      }
      if (!r.problems().isEmpty()) {
        b.append(" <span class=\"problem\" title=\"").append(Html.text(String.join("; ", r.problems())))
            .append("\">⚠</span>");
      }
      b.append("</td><td>").append(Html.text(r.name())).append("</td><td class=\"start\">")
          .append(Html.text(shortTime(r.start())))
          .append("</td><td><span class=\"status ").append(statusClass(r.status())).append("\">")
          .append(Html.text(r.status())).append("</span></td>");
      cell(b, r.steps() == null ? null : r.steps().toString());
      cell(b, number(r.finalLoss()));
      cell(b, number(r.finalAccuracy()));
      cell(b, number(r.bestAccuracy()));
      cell(b, r.wallSeconds() == null ? null : String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
      b.append("<td class=\"tags\">").append(tagLinks(r.tags())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</form>\n");
    return b.toString();
  }

  private static void cell(StringBuilder b, String value) {
    b.append("<td class=\"number\">").append(value == null ? "-" : Html.text(value)).append("</td>");
  }

  static String number(Double value) {
    return value == null ? null : Table.number(value);
  }

  /** Tags as links to the archive filtered by each. */
  static String tagLinks(List<String> tags) {
    List<String> links = new ArrayList<>();
    for (String t : tags) {
      links.add("<a class=\"tag\" href=\"/?tag=" + Html.url(t) + "\">" + Html.text(t) + "</a>");
    }
    return String.join(" ", links);
  }

  /** The CSS class of a status: its first word, if it is one rnnlab writes. */
  static String statusClass(String status) {
    String word = status.split("[: ]", 2)[0];
    return STATUSES.contains(word) ? "status-" + word : "status-other";
  }

  /** "2026-11-26T06:04:04.123+00:00" → "2026-11-26 06:04:04", as {@code ./run list} shows it. */
  static String shortTime(String start) {
    return start.length() >= 19 && start.charAt(10) == 'T' ? start.substring(0, 10) + " " + start.substring(11, 19)
        : start;
  }
}
