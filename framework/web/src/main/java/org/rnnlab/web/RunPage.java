package org.rnnlab.web;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.config.KeyNames;
import org.rnnlab.store.Annotations;
import org.rnnlab.store.BoundedFiles;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.RunSummary;
import org.rnnlab.store.YamlFiles;

/**
 * A run's page: its summary, tags and notes, the live charts of every metric column (drawn by the
 * script from {@code /api/run/<id>/series}), the study's own charts and tables, the evaluations,
 * the overrides, the resolved config and the provenance, and its files. Every part is read on its
 * own, so a damaged file costs only its part.
 */
final class RunPage {
  private RunPage() {}

  /** Rows of a study's table shown on the page (the file is a link away). */
  static final int TABLE_ROWS = 200;

  /** The largest text file shown in the page (run.log and larger files are links). */
  static final long SHOWN_BYTES = 1 << 20;

  static String render(Path run, String id, boolean canSample) {
    String status = RunRecord.status(run);
    RunSummary summary = null;
    String summaryProblem = null;
    try {
      summary = RunSummary.read(run);
    } catch (IOException e) {
      summaryProblem = e.getMessage();
    }
    String name = summary != null && summary.name() != null ? summary.name() : run.getFileName().toString();
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(Html.text(name)).append(" <span id=\"status\" class=\"status ")
        .append(ArchivePage.statusClass(status)).append("\">").append(Html.text(status)).append("</span></h1>\n");
    b.append("<p class=\"run-id\">").append(Html.text(id)).append(summary != null && summary.start() != null
        ? " · started " + Html.text(ArchivePage.shortTime(summary.start())) : "").append("</p>\n");
    if (summary != null && !summary.message().isEmpty()) {
      b.append("<p class=\"message\">").append(Html.text(summary.message())).append("</p>\n");
    }

    b.append(annotations(run));

    b.append("<section id=\"charts-section\">\n<h2>Metrics</h2>\n");
    b.append("<div class=\"chart-controls\" id=\"chart-controls\">"
        + "<label>smoothing <input type=\"range\" id=\"smoothing\" min=\"0\" max=\"0.99\" step=\"0.01\" value=\"0\">"
        + " <output id=\"smoothing-value\">0</output></label> "
        + "<label><input type=\"checkbox\" id=\"log-y\"> log y axis</label> "
        + "<span class=\"hint\">drag to zoom · wheel zooms · shift-drag pans · double-click resets</span> "
        + "<span id=\"rows-info\"></span> "
        + "<a href=\"/files/" + Html.idPath(id) + "/" + RunFiles.METRICS + "\" id=\"full-data\">metrics.csv (every row)</a>"
        + "</div>\n");
    b.append("<div id=\"charts\" class=\"charts\" data-run=\"").append(Html.text(id)).append("\" data-status=\"")
        .append(Html.text(status)).append("\"></div>\n");
    b.append("<noscript><p>The charts need JavaScript; the run's own charts are below, every row is in"
        + " metrics.csv.</p></noscript>\n</section>\n");

    if (StudyCharts.has(run)) {
      b.append("<section id=\"study-section\">\n<h2>Gradient growth</h2>\n<p class=\"hint\">a line per condition,"
          + " both axes logarithmic; the table and the PNG charts are below</p>\n<div id=\"study-charts\""
          + " class=\"charts\"></div>\n</section>\n");
    }

    b.append("<section>\n<h2>Summary</h2>\n");
    if (summary != null) {
      b.append(Html.keyValues(KeyNames.flatten(summary.toMap()), "keys"));
    } else {
      b.append("<p class=\"problem\">").append(Html.text(summaryProblem)).append("</p>\n");
    }
    b.append("</section>\n");

    List<String> files = files(run);
    List<String> images = files.stream().filter(f -> f.endsWith(".png")).toList();
    List<String> tables = files.stream().filter(f -> f.endsWith(".csv") && !f.equals(RunFiles.METRICS)
        && !f.equals(RunFiles.SWEEP_TABLE)).toList();
    List<String> evals = files.stream().filter(f -> f.startsWith("eval-") && f.endsWith(".yaml")).toList();
    if (!images.isEmpty() || !tables.isEmpty()) {
      b.append("<section>\n<h2>The run's charts and tables</h2>\n<div class=\"figures\">\n");
      for (String image : images) {
        b.append("<figure><a href=\"/files/").append(Html.idPath(id)).append("/").append(Html.url(image))
            .append("\"><img src=\"/files/").append(Html.idPath(id)).append("/").append(Html.url(image))
            .append("\" alt=\"").append(Html.text(image)).append("\" loading=\"lazy\"></a><figcaption>")
            .append(Html.text(image)).append("</figcaption></figure>\n");
      }
      b.append("</div>\n");
      for (String table : tables) {
        b.append("<h3>").append(Html.text(table)).append("</h3>\n").append(csvTable(run.resolve(table)));
      }
      b.append("</section>\n");
    }
    if (!evals.isEmpty()) {
      b.append("<section>\n<h2>Evaluations</h2>\n");
      for (String eval : evals) {
        b.append("<h3>").append(Html.text(eval)).append("</h3>\n").append(yamlTable(run.resolve(eval)));
      }
      b.append("</section>\n");
    }
    if (canSample && Files.isRegularFile(run.resolve(RunFiles.VOCABULARY), LinkOption.NOFOLLOW_LINKS)) {
      b.append("<section>\n<h2>Sample</h2>\n<form id=\"sample\" class=\"sample\" data-run=\"").append(Html.text(id))
          .append("\">\n<label>prime <input name=\"prime\" value=\"\"></label> "
              + "<label>length <input name=\"length\" type=\"number\" min=\"1\" max=\"" + Dashboard.MAX_SAMPLE
              + "\" value=\"300\"></label> "
              + "<label>temperature <input name=\"temperature\" type=\"number\" min=\"0\" max=\"100\" step=\"0.05\""
              + " value=\"0.8\"></label> <label>seed <input name=\"seed\" type=\"number\" min=\"0\" value=\"1\"></label>"
              + " <button type=\"submit\">Sample</button>\n</form>\n<pre id=\"sample-text\" class=\"sample-text\">"
              + "</pre>\n</section>\n");
    }

    b.append("<section>\n<h2>Overrides</h2>\n").append(textFile(run.resolve(RunFiles.OVERRIDES), "(none)"))
        .append("</section>\n");
    b.append("<section>\n<h2>Config</h2>\n<p><a href=\"/files/").append(Html.idPath(id)).append("/")
        .append(RunFiles.CONFIG).append("\">config.yaml</a>: resolved, every default filled in, runnable as it is</p>\n")
        .append(yamlTable(run.resolve(RunFiles.CONFIG))).append("</section>\n");
    b.append("<section>\n<h2>Provenance</h2>\n").append(yamlTable(run.resolve(RunFiles.PROVENANCE)))
        .append("</section>\n");
    b.append("<section>\n<h2>Files</h2>\n<ul class=\"files\">\n");
    for (String f : files) {
      long size = size(run.resolve(f));
      b.append("<li><a href=\"/files/").append(Html.idPath(id)).append("/").append(Html.url(f)).append("\">")
          .append(Html.text(f)).append("</a> <span class=\"size\">").append(bytes(size)).append("</span></li>\n");
    }
    b.append("</ul>\n</section>\n");
    return Html.page(name, "run", true, b.toString());
  }

  /** The tags and notes, and (for the script) the forms that change them. */
  static String annotations(Path run) {
    StringBuilder b = new StringBuilder("<section id=\"annotations\" class=\"annotations\">\n");
    Annotations a;
    try {
      a = Annotations.read(run);
    } catch (IOException e) {
      return b.append("<p class=\"problem\">tags and notes: ").append(Html.text(e.getMessage()))
          .append("</p>\n</section>\n").toString();
    }
    b.append("<div class=\"tags\">tags: <span id=\"tags\">").append(ArchivePage.tagLinks(a.tags())).append("</span>")
        .append(a.tags().isEmpty() ? "<span id=\"no-tags\" class=\"hint\">none</span>" : "")
        .append(" <form id=\"tag-form\" class=\"tag-form\"><input id=\"tag-input\" name=\"tag\""
            + " placeholder=\"+tag or -tag\" maxlength=\"41\" aria-label=\"add or remove a tag\">"
            + " <button type=\"submit\">Tag</button></form></div>\n");
    b.append("<div class=\"notes\"><div>notes <details class=\"edit\"><summary>edit</summary>"
        + "<form id=\"notes-form\" class=\"notes-form\"><textarea id=\"notes-input\" name=\"notes\" rows=\"3\""
        + " maxlength=\"").append(Annotations.MAX_NOTES_LENGTH).append("\" aria-label=\"notes\">")
        .append(Html.text(a.notes())).append("</textarea> <button type=\"submit\">Save notes</button></form>"
            + "</details></div><pre id=\"notes\">").append(Html.text(a.notes())).append("</pre></div>\n");
    b.append("<span id=\"annotations-message\" class=\"hint\"></span>\n");
    return b.append("</section>\n").toString();
  }

  /** The names of the files of {@code run} that may be served, sorted. */
  static List<String> files(Path run) {
    try (Stream<Path> entries = Files.list(run)) {
      return entries.filter(p -> ArchivePaths.file(run, p.getFileName().toString()) != null)
          .map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static String yamlTable(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return "<p class=\"hint\">(no " + Html.text(file.getFileName().toString()) + ")</p>\n";
    }
    try {
      Map<String, String> flat = KeyNames.flatten(YamlFiles.read(file));
      return Html.keyValues(flat, "keys");
    } catch (IOException e) {
      return "<p class=\"problem\">" + Html.text(e.getMessage()) + "</p>\n";
    }
  }

  static String textFile(Path file, String absent) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return "<p class=\"hint\">" + Html.text(absent) + "</p>\n";
    }
    try {
      String text = BoundedFiles.readString(file, SHOWN_BYTES);
      return text.isBlank() ? "<p class=\"hint\">" + Html.text(absent) + "</p>\n"
          : "<pre class=\"file\">" + Html.text(text) + "</pre>\n";
    } catch (IOException e) {
      return "<p class=\"problem\">" + Html.text(e.getMessage()) + "</p>\n";
    }
  }

  /** A study's CSV table, its first rows. */
  static String csvTable(Path file) {
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(BoundedFiles.readString(file, 16 * SHOWN_BYTES)))) {
      List<String> header = parser.getHeaderNames();
      List<List<String>> rows = new ArrayList<>();
      long total = 0;
      for (CSVRecord record : parser) {
        if (rows.size() < TABLE_ROWS) {
          rows.add(record.toList());
        }
        total++;
      }
      return Html.table(header, rows, "data") + (total > rows.size()
          ? "<p class=\"hint\">" + rows.size() + " of " + total + " rows; the file has them all</p>\n" : "");
    } catch (IOException | RuntimeException e) {
      return "<p class=\"problem\">" + Html.text(e.getMessage()) + "</p>\n";
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  static String bytes(long size) {
    if (size < 0) {
      return "";
    }
    return size < 1024 ? size + " B" : size < 1 << 20 ? String.format(Locale.ROOT, "%.1f KB", size / 1024.0)
        : String.format(Locale.ROOT, "%.1f MB", size / 1048576.0);
  }
}
