package org.rnnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large archive stays responsive: the archive page of 1,000 runs answers in under a second once
 * the runs have been read (and says how long the first reading took), and a metrics.csv of 10^6
 * rows is drawn from a few thousand points that keep its spikes, with its new rows found without
 * reading it again. The times go to target/dashboard-timings.txt.
 */
class LargeArchiveTest {
  @TempDir static Path dir;
  static Path archive;
  static Dashboard dashboard;
  static int port;
  static final StringWriter log = new StringWriter();
  static final List<String> timings = new ArrayList<>();
  static final int RUNS = 1000;
  static final int ROWS = 1_000_000;
  static final String BIG = "2026-11-27_00-00-00_big";

  @BeforeAll
  static void archive() throws IOException {
    archive = dir.resolve("runs");
    for (int i = 0; i < RUNS; i++) {
      Archives.run(archive, String.format(Locale.ROOT, "2026-11-26_%02d-%02d-%02d_run%d", i / 3600, i / 60 % 60, i % 60,
          i), "run" + i, 100, 0.001 * (1 + i % 7), 1 + i % 3);
    }
    Path big = Files.createDirectories(archive.resolve(BIG));
    Files.writeString(big.resolve("config.yaml"), "name: big\n");
    Files.writeString(big.resolve("summary.yaml"), "status: completed\nname: big\nexperiment: train\n");
    try (BufferedWriter out = Files.newBufferedWriter(big.resolve("metrics.csv"))) {
      out.write("step,loss,accuracy\n");
      for (int i = 1; i <= ROWS; i++) {
        double loss = i == 777_777 ? 1e6 : 1 + Math.sin(i / 1000.0) / (1 + i / 1e5);
        out.write(i + "," + loss + "," + (1 - 1 / (1 + i / 1e4)) + "\n");
      }
    }
    dashboard = Dashboard.start(InetAddress.getLoopbackAddress(), 0, archive, null, new PrintWriter(log, true));
    port = dashboard.url().getPort();
  }

  @AfterAll
  static void stop() throws IOException {
    if (dashboard != null) {
      dashboard.close();
    }
    Path out = Path.of("target/dashboard-timings.txt");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, timings);
  }

  /** The answer to GET {@code target} and its time in milliseconds. */
  static Archives.Response timed(String what, String target, List<Double> millis) throws IOException {
    long start = System.nanoTime();
    Archives.Response r = Archives.get(port, target);
    double ms = (System.nanoTime() - start) / 1e6;
    millis.add(ms);
    String line = String.format(Locale.ROOT, "%-48s %8.1f ms  %,d bytes  HTTP %d", what, ms, r.body().length(),
        r.status());
    timings.add(line);
    System.out.println("TIMING " + line);
    return r;
  }

  @Test
  void theArchivePageOfAThousandRunsAnswersInUnderASecond() throws IOException {
    List<Double> first = new ArrayList<>(), again = new ArrayList<>();
    Archives.Response cold = timed("archive page, 1,001 runs, first (reads every run)", "/", first);
    assertEquals(200, cold.status());
    assertEquals(RUNS + 1, cold.body().split("<tr data-id=", -1).length - 1, "every run listed");
    for (int i = 0; i < 3; i++) {
      timed("archive page, 1,001 runs, again", "/", again);
    }
    timed("archive page sorted by final loss", "/?sort=loss&order=asc", again);
    Archives.Response filtered = timed("archive page filtered by name", "/?name=run99", again);
    assertEquals(11, filtered.body().split("<tr data-id=", -1).length - 1, "run99, run990 … run999");
    assertTrue(again.stream().mapToDouble(Double::doubleValue).min().orElseThrow() < 1000,
        "the archive page takes " + again + " ms");
    assertEquals("", log.toString());
  }

  @Test
  void aMillionRowsAreDrawnThinnedWithTheirSpikesAndFollowedCheaply() throws IOException {
    List<Double> millis = new ArrayList<>();
    Archives.Response page = timed("run page, 10^6 rows", "/run/" + BIG, millis);
    assertEquals(200, page.status());
    Archives.Response series = timed("series of 10^6 rows, thinned", "/api/run/" + BIG + "/series", millis);
    assertEquals(200, series.status());
    assertTrue(series.body().contains("\"rows\":" + ROWS + ","), "every row read");
    assertTrue(series.body().contains("\"decimated\":true"));
    String loss = series.body().substring(series.body().indexOf("\"loss\":{"), series.body().indexOf("\"accuracy\":{"));
    int points = loss.substring(0, loss.indexOf("\"y\"")).split(",", -1).length;
    assertTrue(points >= 1000 && points <= 4000, points + " points of loss");
    assertTrue(loss.contains("1000000"), "the spike of 10^6 survives the thinning");
    Matcher cursor = Pattern.compile("\"cursor\":\"([^\"]+)\"").matcher(series.body());
    assertTrue(cursor.find());
    Archives.Response nothing = timed("new rows of 10^6 rows, none", "/api/run/" + BIG + "/rows?cursor="
        + cursor.group(1), millis);
    assertTrue(nothing.body().contains("\"data\":[[],[],[]]"), nothing.body());
    Files.writeString(archive.resolve(BIG).resolve("metrics.csv"), "1000001,0.5,0.9\n1000002,0.4,0.91\n",
        StandardOpenOption.APPEND);
    Archives.Response two = timed("new rows of 10^6 rows, two", "/api/run/" + BIG + "/rows?cursor="
        + cursor.group(1), millis);
    assertTrue(two.body().contains("\"data\":[[1000001,1000002],[0.5,0.4],[0.9,0.91]]"), two.body());
    Archives.Response zoom = timed("series of the last 1,000 steps (a zoom)", "/api/run/" + BIG
        + "/series?from=999002&to=1000002", millis);
    assertTrue(zoom.body().contains("\"rows\":1001,") && zoom.body().contains("\"decimated\":false"), "every point");
    assertTrue(millis.get(0) < 1000, "the run page does not read the metrics: " + millis.get(0) + " ms");
    assertTrue(millis.get(2) < 1000 && millis.get(3) < 1000, "following reads only the new rows: " + millis);
  }
}
