package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rnnlab.web.Dashboard;

/**
 * The dashboard in a real browser: headless Chromium through Selenium and Debian's chromedriver,
 * over an archive of real runs (a few small ones, a sweep of 3 seeds × 2 learning rates, and one
 * that trains while the test watches). One browser for the class (its start is the slow part); a
 * test fails on any warning or error in the page's console, unless it expects one.
 */
class DashboardBrowserTest {
  @TempDir static Path dir;
  static Path runs;
  static Browser browser;
  static Dashboard dashboard;
  static String url;
  static final StringWriter serverLog = new StringWriter();
  static final Path SHOTS = LauncherEndToEndTest.ROOT.resolve("app/target/browser");

  static Path slow;
  static Path fast;
  static Path sweep;
  static Path hostile;

  @BeforeAll
  static void archiveAndBrowser() throws IOException {
    runs = dir.resolve("runs");
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(config.toString(), "name=slow", "optimizer.learning_rate=0.001", "experiment.steps=200",
        "--runs-dir", runs.toString()).exitCode());
    assertEquals(0, Runs.execute(config.toString(), "name=fast", "optimizer.learning_rate=0.05", "experiment.steps=200",
        "--runs-dir", runs.toString()).exitCode());
    assertEquals(0, Runs.execute(config.toString(), "name=hostile", "experiment.steps=20",
        "notes=<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">", "--runs-dir",
        runs.toString()).exitCode());
    assertEquals(0, Runs.execute(config.toString(), "experiment.steps=60", "--sweep",
        "optimizer.learning_rate=0.003,0.03", "seed=1..3", "--jobs", "2", "--runs-dir", runs.toString()).exitCode());
    for (Path p : Runs.runDirectories(runs)) {
      String name = p.getFileName().toString();
      if (name.endsWith("_slow")) {
        slow = p;
      } else if (name.endsWith("_fast")) {
        fast = p;
      } else if (name.endsWith("_sweep")) {
        sweep = p;
      } else if (name.endsWith("_hostile")) {
        hostile = p;
      }
    }
    // A run directory no rnnlab made, whose summary names it with markup.
    Path planted = Files.createDirectories(runs.resolve("2026-01-01_00-00-00_planted"));
    Files.writeString(planted.resolve("summary.yaml"), "status: completed\nname: '<script>window.pwned = 3</script>'\n");
    Files.writeString(planted.resolve("config.yaml"), "name: planted\n");
    dashboard = Dashboard.start(InetAddress.getLoopbackAddress(), 0, runs, null, new PrintWriter(serverLog, true));
    url = dashboard.url().toString();
    browser = new Browser(SHOTS);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (dashboard != null) {
      dashboard.close();
    }
  }

  @AfterEach
  void consoleStayedQuiet() {
    List<LogEntry> console = consoleLog();
    browser.driver.get("about:blank"); // a page that polls must not outlive its test
    assertTrue(console.stream().noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue()),
        "the page logged warnings or errors: " + console);
    assertEquals("", serverLog.toString(), "the server reported failures");
  }

  static List<LogEntry> consoleLog() {
    return browser.driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  static String id(Path run) {
    return runs.relativize(run).toString();
  }

  /** Opens {@code path} and waits until the page's script is done drawing (or failed). */
  static void open(String path) {
    browser.driver.get(url + path);
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> {
      Object error = browser.driver.executeScript("return window.rnnlab && window.rnnlab.error");
      if (error != null) {
        throw new AssertionError("page error: " + error);
      }
      return Boolean.TRUE.equals(browser.driver.executeScript("return !!(window.rnnlab && window.rnnlab.ready)"));
    });
  }

  static Object js(String script, Object... args) {
    return browser.driver.executeScript(script, args);
  }

  static void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(name + ".png"), browser.driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Pixels of a chart's canvas that are painted, and of those, how many in the first series' colour. */
  @SuppressWarnings("unchecked")
  static List<Long> paintedPixels(WebElement canvas) {
    return (List<Long>) js("const c = arguments[0], px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + "let painted = 0, line = 0;"
        + "for (let i = 0; i < px.length; i += 4) {"
        + "  const r = px[i], g = px[i + 1], b = px[i + 2], a = px[i + 3];"
        + "  if (a > 0 && !(r > 250 && g > 250 && b > 250)) painted++;"
        + "  if (a > 200 && Math.abs(r - 31) < 40 && Math.abs(g - 119) < 40 && Math.abs(b - 180) < 40) line++;"
        + "}"
        + "return [painted, line];", canvas);
  }

  @Test
  void theArchiveListsRunsAndSweepsAndFiltersByStatus() throws IOException {
    open("");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#runs tbody tr"));
    assertEquals(5, rows.size(), "slow, fast, hostile, the planted run and the sweep");
    String table = browser.driver.findElement(By.id("runs")).getText();
    assertTrue(table.contains("sweep: 6 completed"), table);
    assertTrue(table.contains("slow") && table.contains("completed"), table);
    screenshot("archive");
    new Select(browser.driver.findElement(By.name("status"))).selectByVisibleText("sweep");
    browser.driver.findElement(By.cssSelector("form.filters button")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("status=sweep"));
    List<WebElement> sweeps = browser.driver.findElements(By.cssSelector("#runs tbody tr"));
    assertEquals(1, sweeps.size());
    assertEquals("sweep", sweeps.get(0).getAttribute("data-status"));
    // Sorting by steps, highest first: the 200-step runs lead.
    open("?sort=steps&order=desc");
    String first = browser.driver.findElements(By.cssSelector("#runs tbody tr")).get(0).getAttribute("data-id");
    assertTrue(first.endsWith("_slow") || first.endsWith("_fast"), first);
  }

  @Test
  void aRunsChartsAreDrawn() throws IOException {
    open("run/" + id(slow));
    assertEquals(3L, js("return rnnlab.charts.loss.series.length"), "step, loss, test loss (this task has no baseline)");
    assertEquals(List.of("step", "loss", "test_loss"), js("return rnnlab.charts.loss.series.map(s => s.label)"));
    assertEquals(20L, js("return rnnlab.charts.loss.data[0].length"), "200 steps logged every 10");
    WebElement canvas = browser.driver.findElement(By.cssSelector("#charts .chart canvas"));
    List<Long> pixels = paintedPixels(canvas);
    assertTrue(pixels.get(0) > 1000 && pixels.get(1) > 200, "painted pixels, pixels in the loss's colour: " + pixels);
    assertEquals("completed", browser.driver.findElement(By.id("status")).getText());
    String page = browser.driver.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("optimizer.learning_rate") && page.contains("0.001"), "the resolved config is shown");
    screenshot("run");
    // The log axis and smoothing rebuild the chart with the same data.
    browser.driver.findElement(By.id("log-y")).click();
    assertEquals(3L, js("return rnnlab.charts.loss.scales.y.distr"), "logarithmic");
    js("const s = document.getElementById('smoothing'); s.value = 0.6; s.dispatchEvent(new Event('input'));");
    assertEquals(List.of("step", "loss (raw)", "loss", "test_loss (raw)", "test_loss"),
        js("return rnnlab.charts.loss.series.map(s => s.label)"));
  }

  /**
   * The "done when": {@code ./run serve} while {@code ./run configs/memory.yaml} trains, both
   * started as a user starts them, shows the run's curves growing in Chromium. Only the number of
   * steps is raised, so that the run is still training when the page looks; the test then stops it
   * as Ctrl-C would.
   */
  @Test
  void serveShowsTheCurvesOfMemoryYamlGrowingWhileItTrains() throws Exception {
    Path live = Files.createDirectories(dir.resolve("live"));
    Path serveDir = Files.createDirectories(live.resolve("serve"));
    Path liveRuns = live.resolve("runs");
    Process run = Runs.startLauncher(live, LauncherEndToEndTest.ROOT.resolve("configs/memory.yaml").toString(),
        "experiment.steps=100000000", "--runs-dir", liveRuns.toString());
    // The live run has an archive of its own (the other tests count the runs of theirs).
    Process serve = Runs.startLauncher(serveDir, "serve", "--port", "0", "--runs-dir", liveRuns.toString());
    try {
      Path metrics = Runs.awaitMetrics(run, liveRuns, 3, live);
      String second = ServeCommandTest.address(serve, serveDir).toString();
      browser.driver.get(second + "run/" + metrics.getParent().getFileName());
      new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d ->
          Boolean.TRUE.equals(js("return !!(window.rnnlab && window.rnnlab.ready && rnnlab.charts.loss)")));
      assertEquals("running", browser.driver.findElement(By.id("status")).getText());
      assertEquals("loss", js("return rnnlab.charts.loss.series[1].label"));
      long before = (Long) js("return rnnlab.charts.loss.data[0].length");
      new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d ->
          (Long) js("return rnnlab.charts.loss.data[0].length") >= before + 20 && (Long) js("return rnnlab.polls") >= 2);
      long after = (Long) js("return rnnlab.charts.loss.data[0].length");
      assertTrue(after > before, before + " → " + after);
      List<Long> pixels = paintedPixels(browser.driver.findElement(By.cssSelector("#charts .chart canvas")));
      assertTrue(pixels.get(1) > 100, "the loss line is drawn: " + pixels);
      screenshot("live");
      run.destroy(); // SIGTERM: the run stops, interrupted
      assertTrue(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(130, run.exitValue(), "interrupted");
      new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d ->
          browser.driver.findElement(By.id("status")).getText().equals("interrupted"));
      // Every row the run wrote is counted once: the page ends where metrics.csv ends.
      long rows = Files.readAllLines(metrics).size() - 1;
      assertEquals(rows, (long) (Long) js("return rnnlab.rows"));
      browser.driver.get("about:blank");
      new ProcessBuilder("kill", "-INT", Long.toString(serve.pid())).start().waitFor();
      assertTrue(serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "Ctrl-C stops ./run serve");
      assertEquals("", Files.readString(serveDir.resolve("err.txt")));
    } finally {
      run.destroyForcibly();
      serve.destroyForcibly();
      run.waitFor();
      serve.waitFor();
    }
  }

  /** A gradient-growth study's page draws its table as charts: a line per condition, log-log. */
  @Test
  void aGradientGrowthStudysChartsAreDrawnLogLog() throws Exception {
    Path studyRuns = dir.resolve("study-runs");
    assertEquals(0, Runs.execute(LauncherEndToEndTest.ROOT.resolve("configs/exploding-gradients.yaml").toString(),
        "experiment.max_length=40", "experiment.hidden=[10, 50]", "sinks=[]", "--runs-dir", studyRuns.toString())
        .exitCode());
    Path study = Runs.runDirectories(studyRuns).get(0);
    List<String> conditions = Runs.column(Runs.csv(study.resolve("gradient-growth.csv")), "condition").stream()
        .distinct().toList();
    assertEquals(2, conditions.size(), conditions.toString());
    List<String> labels = new java.util.ArrayList<>(List.of("length"));
    labels.addAll(conditions);
    conditions.forEach(c -> labels.add(c + " (clipped)"));
    try (Dashboard second = Dashboard.start(InetAddress.getLoopbackAddress(), 0, studyRuns, null,
        new PrintWriter(serverLog, true))) {
      browser.driver.get(second.url() + "run/" + study.getFileName());
      new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> {
        Object error = js("return window.rnnlab && window.rnnlab.error");
        if (error != null) {
          throw new AssertionError("page error: " + error);
        }
        return Boolean.TRUE.equals(js("return !!(window.rnnlab && window.rnnlab.ready)"));
      });
      assertEquals(labels, js("return rnnlab.charts.study_norm.series.map(s => s.label)"),
          "a line per condition, before and after clipping");
      assertEquals(40L, js("return rnnlab.charts.study_norm.data[0].length"), "lengths 1 … 40");
      assertEquals(List.of(3L, 3L), js("return [rnnlab.charts.study_norm.scales.x.distr,"
          + " rnnlab.charts.study_norm.scales.y.distr]"), "both axes logarithmic");
      assertEquals(List.of("length", conditions.get(0), conditions.get(1)),
          js("return rnnlab.charts.study_mean_abs_gradient.series.map(s => s.label)"));
      List<Long> pixels = paintedPixels(browser.driver.findElement(By.cssSelector("#study-charts .chart canvas")));
      assertTrue(pixels.get(1) > 100, "the first condition's line is drawn: " + pixels);
      String readout = browser.driver.findElement(By.cssSelector("#study-charts .chart .readout")).getText();
      assertTrue(readout.startsWith("length 40"), readout);
      screenshot("study");
      browser.driver.get("about:blank");
    }
  }

  @Test
  void tickingTwoRunsComparesThemAndASweepShowsTwoBands() throws IOException {
    open("");
    browser.driver.findElement(By.cssSelector("input[name=run][value='" + id(slow) + "']")).click();
    browser.driver.findElement(By.cssSelector("input[name=run][value='" + id(fast) + "']")).click();
    assertEquals("Compare 2 ticked", browser.driver.findElement(By.id("compare")).getText());
    browser.driver.findElement(By.id("compare")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/compare?"));
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d ->
        Boolean.TRUE.equals(js("return !!(window.rnnlab && window.rnnlab.ready)")));
    String current = browser.driver.getCurrentUrl();
    assertTrue(current.contains("run=" + id(slow)) && current.contains("run=" + id(fast)), current);
    String page = browser.driver.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("optimizer.learning_rate") && page.contains("0.05") && page.contains("0.001"), page);
    // The lines come in the order of the URL, which is the archive's (newest first); two runs that
    // started in the same second are ordered by name, so the order is read from the URL.
    List<String> order = current.indexOf("run=" + id(fast)) < current.indexOf("run=" + id(slow))
        ? List.of("step", "fast", "slow") : List.of("step", "slow", "fast");
    assertEquals(order, js("return rnnlab.charts.loss.series.map(s => s.label)"), "in the order of the URL");
    // The same comparison from its shared link.
    String shared = browser.driver.findElement(By.id("share")).getAttribute("href");
    open(shared.substring(url.length()));
    assertEquals(order, js("return rnnlab.charts.loss.series.map(s => s.label)"));

    open("compare?run=" + id(sweep));
    assertEquals(2L, js("return rnnlab.charts.loss.bands.length"), "two learning rates, each a band over 3 seeds");
    String readout = browser.driver.findElement(By.cssSelector("#charts .chart .readout")).getText();
    assertTrue(readout.startsWith("step 60") && readout.contains("learning_rate=0.003 (3 seeds) ")
        && readout.contains(" ± "), "each band's last mean ± std: " + readout);
    assertEquals(List.of("step", "learning_rate=0.003 (3 seeds)", "learning_rate=0.003 (3 seeds) + std",
        "learning_rate=0.003 (3 seeds) − std", "learning_rate=0.03 (3 seeds)", "learning_rate=0.03 (3 seeds) + std",
        "learning_rate=0.03 (3 seeds) − std"), js("return rnnlab.charts.loss.series.map(s => s.label)"));
    screenshot("compare");
    open("sweep/" + id(sweep));
    assertEquals(6, browser.driver.findElements(By.cssSelector("#points tbody tr")).size());
    assertEquals(2L, js("return rnnlab.charts.loss.bands.length"));
  }

  @Test
  void aTagAddedOnTheRunPageFiltersTheArchive() throws IOException {
    open("run/" + id(fast));
    WebElement input = browser.driver.findElement(By.id("tag-input"));
    input.sendKeys("+keeper");
    browser.driver.findElement(By.cssSelector("#tag-form button")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d ->
        d.findElement(By.id("tags")).getText().equals("keeper"));
    assertTrue(Files.readString(fast.resolve("annotations.yaml")).contains("keeper"), "written to the run");
    browser.driver.findElement(By.cssSelector(".notes details summary")).click();
    browser.driver.findElement(By.id("notes-input")).sendKeys("lr 0.05 learns fastest");
    browser.driver.findElement(By.cssSelector("#notes-form button")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d ->
        d.findElement(By.id("notes")).getText().equals("lr 0.05 learns fastest"));
    open("");
    new Select(browser.driver.findElement(By.id("tag-filter"))).selectByVisibleText("keeper");
    browser.driver.findElement(By.cssSelector("form.filters button")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("tag=keeper"));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#runs tbody tr"));
    assertEquals(List.of(id(fast)), rows.stream().map(r -> r.getAttribute("data-id")).toList());
    open("run/" + id(fast));
    browser.driver.findElement(By.id("tag-input")).sendKeys("-keeper");
    browser.driver.findElement(By.cssSelector("#tag-form button")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("tags")).getText().isEmpty());
  }

  @Test
  void markupInNamesAndNotesIsShownAsText() {
    open("");
    String table = browser.driver.findElement(By.id("runs")).getText();
    assertTrue(table.contains("<script>window.pwned = 3</script>"), "the planted run's name, as text: " + table);
    open("run/" + id(hostile));
    assertEquals("<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">",
        browser.driver.findElement(By.id("notes")).getText());
    assertNull(js("return window.pwned === undefined ? null : window.pwned"), "no script of the archive ran");
    assertTrue(browser.driver.findElements(By.cssSelector("main img[src=x]")).isEmpty());
  }

  @Test
  void pathsOutOfTheArchiveAreNotFound() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside-run"));
    Files.writeString(outside.resolve("config.yaml"), "name: secret\n");
    Files.writeString(outside.resolve("summary.yaml"), "status: completed\nname: secret\n");
    Files.createSymbolicLink(runs.resolve("2026-01-02_00-00-00_link"), outside);
    for (String path : List.of("run/%2e%2e%2f%2e%2e%2fetc", "run/..%2f..%2fetc%2fpasswd",
        "files/" + id(slow) + "/..%2f..%2fsmall.yaml", "files/" + id(slow) + "/%2e%2e/%2e%2e/small.yaml",
        "run/2026-01-02_00-00-00_link", "files/2026-01-02_00-00-00_link/config.yaml", "run/" + id(slow) + "%00",
        "files/" + id(slow) + "/checkpoint.bin", "files/%2Fetc/passwd", "run/" + id(slow) + "/x")) {
      browser.driver.get(url + path);
      assertEquals("not found · rnnlab", browser.driver.getTitle(), path);
    }
    browser.driver.get(url);
    assertFalse(browser.driver.getPageSource().contains("_link"), "a linked directory is not listed");
    consoleLog(); // the 404s above are in the console, as they should be
    Files.delete(runs.resolve("2026-01-02_00-00-00_link"));
  }

  @Test
  void anotherSiteCannotChangeTags() throws Exception {
    // A page of another origin (another port) posts a form to the tags endpoint: refused.
    HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String target = url + "api/run/" + id(slow) + "/tags";
    byte[] page = ("<!DOCTYPE html><html><head><link rel=icon href='data:,'></head><body>"
        + "<form id=f method=post enctype=text/plain action='" + target + "'>"
        + "<input name='{\"add\":[\"pwned\"],\"x\":\"' value='\"}'></form>"
        + "<script>document.getElementById('f').submit()</script></body></html>").getBytes(StandardCharsets.UTF_8);
    attacker.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    attacker.start();
    try {
      browser.driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
      new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(target));
      assertTrue(browser.driver.getPageSource().contains("only from this dashboard"), browser.driver.getPageSource());
      assertFalse(Files.exists(slow.resolve("annotations.yaml")), "nothing written");
      consoleLog(); // the refusal (403) is in the console
    } finally {
      attacker.stop(0);
    }
  }
}
