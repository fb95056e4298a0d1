package org.rnnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the dashboard answers to requests a browser would never send: only archive content is
 * served (every path out of it is 404, whatever its spelling), nothing lists a directory, every
 * answer has its type and the headers that keep pages inert, text from the archive is escaped,
 * pages are read-only, and tags and notes change only on a same-origin JSON POST.
 */
class DashboardSafetyTest {
  @TempDir static Path dir;
  static Path archive;
  static Path run;
  static Path sweep;
  static Path tagged;
  static Dashboard dashboard;
  static int port;
  static final StringWriter log = new StringWriter();
  static final String SECRET = "TOP-SECRET-OUTSIDE-THE-ARCHIVE";

  @BeforeAll
  static void serve() throws IOException {
    archive = dir.resolve("runs");
    run = Archives.run(archive, "2026-11-26_10-00-00_memory", "memory", 30, 0.01, 1);
    sweep = Archives.sweep(archive, "2026-11-26_11-00-00_memory_sweep", List.of(0.003, 0.03), List.of(1, 2));
    tagged = Archives.run(archive, "2026-11-26_09-00-00_tagged", "tagged", 5, 0.01, 1);
    Path hostile = Archives.run(archive, "2026-11-26_12-00-00_hostile", "<script>alert('name')</script>", 5, 0.01, 1);
    Files.writeString(hostile.resolve("annotations.yaml"), "tags: [x]\nnotes: \"</pre><script>alert('notes')</script>\"\n");
    Files.writeString(dir.resolve("secret.txt"), SECRET);
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("config.yaml"), SECRET);
    Files.writeString(outside.resolve("summary.yaml"), "status: completed\nname: " + SECRET + "\n");
    Files.createSymbolicLink(archive.resolve("2026-11-26_13-00-00_link"), outside); // a run linked out
    Files.createSymbolicLink(run.resolve("notes.txt"), dir.resolve("secret.txt")); // a file linked out
    Files.createSymbolicLink(run.resolve("stolen.yaml"), outside.resolve("config.yaml"));
    Files.writeString(run.resolve("checkpoint.bin"), SECRET);
    dashboard = Dashboard.start(InetAddress.getLoopbackAddress(), 0, archive, null, new PrintWriter(log, true));
    port = dashboard.url().getPort();
  }

  @AfterAll
  static void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  static final String RUN = "2026-11-26_10-00-00_memory";

  static Stream<String> outOfTheArchive() {
    return Stream.of(
        "/run/..", "/run/../../secret.txt", "/run/%2e%2e", "/run/%2E%2E/%2E%2E/secret.txt", "/run/.%2e/secret.txt",
        "/run/..%2f..%2fsecret.txt", "/run/%252e%252e/%252e%252e/secret.txt", "/run/..%5c..%5csecret.txt",
        "/files/" + RUN + "/../../secret.txt", "/files/" + RUN + "/..%2f..%2fsecret.txt",
        "/files/" + RUN + "/%2e%2e/%2e%2e/secret.txt", "/files/%2e%2e/secret.txt", "/files/..%2fsecret.txt/x",
        "/files/%2f" + dir.toString().substring(1).replace("/", "%2f") + "%2fsecret.txt/x",
        "/files/" + dir.resolve("secret.txt"), "//" + dir.resolve("secret.txt"), "/run/" + RUN + "%00",
        "/files/" + RUN + "/config.yaml%00.png", "/files/" + RUN + "/config.yaml%00", "/run/%00",
        "/run/2026-11-26_13-00-00_link", "/files/2026-11-26_13-00-00_link/config.yaml",
        "/files/" + RUN + "/notes.txt", "/files/" + RUN + "/stolen.yaml", "/files/" + RUN + "/checkpoint.bin",
        "/files/" + RUN + "/lock", "/files/" + RUN + "/", "/files/" + RUN, "/files/", "/run/", "/sweep/", "/static/",
        "/static/uplot/", "/static/../../../../etc/passwd", "/static/%2e%2e/Dashboard.class",
        "/static/../Dashboard.class", "/run/" + RUN + "/metrics.csv", "/sweep/" + RUN, "/run/2026-11-26_11-00-00_memory_sweep",
        "/run/2026-11-26_11-00-00_memory_sweep/1_learning_rate=0.003_seed=1/../../../secret.txt",
        "/run/" + RUN + "/1_learning_rate=0.003_seed=1", "/api/run/..%2f..%2fsecret.txt/series", "/api/run/../series",
        "/etc/passwd", "/secret.txt", "/%2e%2e/secret.txt", "/WEB-INF/web.xml", "/favicon.ico",
        "http://127.0.0.1/../../secret.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfTheArchive")
  void isNotFound(String target) throws IOException {
    Archives.Response r = Archives.get(port, target);
    assertEquals(404, r.status(), target + ": " + r.body());
    assertFalse(r.body().contains(SECRET), target + " leaked");
    assertFalse(r.body().contains("root:x:0"), target + " leaked /etc/passwd");
    assertEquals(target.startsWith("/api/") ? "application/json" : "text/html; charset=utf-8", r.header("Content-Type"));
  }

  @Test
  void whatIsServedHasItsTypeAndHeaders() throws IOException {
    Map<String, String> types = Map.of(
        "/", "text/html; charset=utf-8",
        "/run/" + RUN, "text/html; charset=utf-8",
        "/sweep/2026-11-26_11-00-00_memory_sweep", "text/html; charset=utf-8",
        "/compare?run=2026-11-26_11-00-00_memory_sweep", "text/html; charset=utf-8",
        "/api/run/" + RUN + "/series", "application/json",
        "/api/run/2026-11-26_11-00-00_memory_sweep/1_learning_rate=0.003_seed=1/rows?cursor=", "application/json",
        "/files/" + RUN + "/metrics.csv", "text/csv; charset=utf-8",
        "/files/" + RUN + "/config.yaml", "text/plain; charset=utf-8",
        "/static/dashboard.js", "text/javascript; charset=utf-8",
        "/static/uplot/uPlot.min.css", "text/css; charset=utf-8");
    for (var e : types.entrySet()) {
      Archives.Response r = Archives.get(port, e.getKey());
      assertEquals(200, r.status(), e.getKey() + ": " + r.body());
      assertEquals(e.getValue(), r.header("Content-Type"), e.getKey());
      assertEquals("nosniff", r.header("X-Content-Type-Options"), e.getKey());
      assertEquals(Dashboard.CONTENT_SECURITY_POLICY, r.header("Content-Security-Policy"), e.getKey());
      assertEquals("DENY", r.header("X-Frame-Options"), e.getKey());
    }
    assertEquals(Files.readString(run.resolve("metrics.csv")), Archives.get(port, "/files/" + RUN + "/metrics.csv")
        .body(), "the full data, byte for byte");
    assertTrue(Dashboard.CONTENT_SECURITY_POLICY.contains("script-src 'self';"), "no inline script may run");
  }

  @Test
  void markupFromTheArchiveIsText() throws IOException {
    String archivePage = Archives.get(port, "/").body();
    assertTrue(archivePage.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"), archivePage);
    assertFalse(archivePage.contains("<script>alert"), archivePage);
    String runPage = Archives.get(port, "/run/2026-11-26_12-00-00_hostile").body();
    assertTrue(runPage.contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;notes&#39;)"), runPage);
    assertFalse(runPage.contains("<script>alert"), runPage);
    assertEquals(2, runPage.split("<script", -1).length - 1, "uPlot's and the dashboard's script, nothing else");
  }

  @Test
  void otherHostNamesAreRefused() throws IOException {
    // A page of evil.example whose name resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
    Archives.Response rebound = Archives.raw(port, "GET / HTTP/1.1\r\nHost: evil.example:" + port
        + "\r\nConnection: close\r\n\r\n");
    assertEquals(403, rebound.status());
    assertEquals(403, Archives.raw(port, "GET / HTTP/1.0\r\n\r\n").status(), "no Host at all");
    assertEquals(200, Archives.raw(port, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
        .status());
  }

  @Test
  void pagesAreReadOnlyAndReadingChangesNothing() throws IOException {
    Map<String, String> before = snapshot(archive);
    for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
      assertEquals(405, Archives.raw(port, method + " /run/" + RUN + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").status(), method);
    }
    String same = "Origin: http://127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n";
    assertEquals(405, Archives.post(port, "/run/" + RUN, same, "{}").status());
    assertEquals(405, Archives.post(port, "/api/run/" + RUN + "/series", same, "{}").status());
    assertEquals(405, Archives.post(port, "/api/run/" + RUN + "/study", same, "{}").status());
    for (String target : List.of("/", "/run/" + RUN, "/api/run/" + RUN + "/series", "/api/run/" + RUN + "/rows", "/api/run/" + RUN + "/study",
        "/sweep/2026-11-26_11-00-00_memory_sweep", "/compare?run=2026-11-26_11-00-00_memory_sweep&stat=best",
        "/api/compare?run=2026-11-26_11-00-00_memory_sweep", "/files/" + RUN + "/metrics.csv")) {
      assertEquals(200, Archives.get(port, target).status(), target);
    }
    assertEquals(before, snapshot(archive), "reading wrote nothing");
  }

  @Test
  void tagsAndNotesChangeOnlyOnASameOriginJsonPost() throws IOException {
    String id = "2026-11-26_09-00-00_tagged";
    String target = "/api/run/" + id + "/tags";
    String origin = "Origin: http://127.0.0.1:" + port + "\r\n";
    String json = "Content-Type: application/json\r\n";
    String body = "{\"add\": [\"keeper\"]}";
    Map<String, String> refused = Map.of(
        "no Origin", json,
        "another origin", "Origin: http://evil.example\r\n" + json,
        "another port", "Origin: http://127.0.0.1:1\r\n" + json,
        "a form's type", origin + "Content-Type: text/plain\r\n",
        "a form's encoding", origin + "Content-Type: application/x-www-form-urlencoded\r\n",
        "a cross-site fetch", origin + json + "Sec-Fetch-Site: cross-site\r\n",
        "a same-site page", origin + json + "Sec-Fetch-Site: same-site\r\n");
    for (var e : refused.entrySet()) {
      assertEquals(403, Archives.post(port, target, e.getValue(), body).status(), e.getKey());
    }
    assertFalse(Files.exists(tagged.resolve("annotations.yaml")), "nothing written");
    assertEquals(400, Archives.post(port, target, origin + json, "{\"add\": [\"<b>\"]}").status());
    assertEquals(400, Archives.post(port, target, origin + json, "not json").status());
    assertEquals(400, Archives.post(port, "/api/run/" + id + "/notes", origin + json, "{\"notes\": \"\\u001b[2J\"}")
        .status());
    assertFalse(Files.exists(tagged.resolve("annotations.yaml")), "nothing written");
    Archives.Response ok = Archives.post(port, target, origin + json + "Sec-Fetch-Site: same-origin\r\n", body);
    assertEquals(200, ok.status(), ok.body());
    assertEquals("{\"tags\":[\"keeper\"],\"notes\":\"\"}", ok.body());
    Archives.Response notes = Archives.post(port, "/api/run/" + id + "/notes", origin + json,
        "{\"notes\": \"<i>kept</i>\"}");
    assertEquals("{\"tags\":[\"keeper\"],\"notes\":\"\\u003ci\\u003ekept\\u003c/i\\u003e\"}", notes.body());
    assertTrue(Files.readString(tagged.resolve("annotations.yaml")).contains("keeper"));
    assertTrue(Archives.get(port, "/?tag=keeper").body().contains(id));
    assertEquals(400, Archives.post(port, "/api/run/" + RUN + "/tags", origin + json, body).status(),
        "a run with a link inside is not written to");
    assertEquals(404, Archives.post(port, "/api/run/2026-11-26_13-00-00_link/tags", origin + json, body).status());
    Files.delete(tagged.resolve("annotations.yaml"));
    assertEquals("", log.toString(), "no request failed inside the server");
  }

  /** Every file under {@code root} (links not followed) with its size and modification time. */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        files.put(root.relativize(p).toString(), a.size() + " " + a.lastModifiedTime());
      }
    }
    return files;
  }
}
