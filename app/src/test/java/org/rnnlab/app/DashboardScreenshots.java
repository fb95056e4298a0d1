package org.rnnlab.app;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rnnlab.web.Dashboard;

/**
 * Not a test: makes the screenshots of docs/ from an archive of real runs, in the same headless
 * Chromium as the browser tests. It runs only when asked:
 *
 * <pre>
 * mvn -pl app test -Dtest=DashboardScreenshots -Drnnlab.screenshots=/path/to/runs \
 *     -Drnnlab.screenshots.run=RUN_DIR -Drnnlab.screenshots.compare='run=A&amp;run=B'
 * </pre>
 *
 * and writes docs/dashboard-archive.png, docs/dashboard-run.png and docs/dashboard-compare.png.
 */
@EnabledIfSystemProperty(named = "rnnlab.screenshots", matches = ".+")
class DashboardScreenshots {
  @Test
  void screenshotsOfTheThreeMainPages() throws Exception {
    Path docs = LauncherEndToEndTest.ROOT.resolve("docs");
    try (Dashboard dashboard = Dashboard.start(InetAddress.getLoopbackAddress(), 0,
        Path.of(System.getProperty("rnnlab.screenshots")), null, new PrintWriter(System.err, true));
        Browser browser = new Browser(LauncherEndToEndTest.ROOT.resolve("app/target/browser"))) {
      browser.driver.manage().window().setSize(new Dimension(1280, 900));
      String url = dashboard.url().toString();
      String[][] pages = {
        {"", "dashboard-archive.png"},
        {"run/" + System.getProperty("rnnlab.screenshots.run"), "dashboard-run.png"},
        {"compare?" + System.getProperty("rnnlab.screenshots.compare"), "dashboard-compare.png"},
      };
      for (String[] page : pages) {
        browser.driver.get(url + page[0]);
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d ->
            Boolean.TRUE.equals(browser.driver.executeScript("return !!(window.rnnlab && window.rnnlab.ready)")));
        Thread.sleep(500); // the last chart's paint
        if (page[1].equals("dashboard-compare.png")) { // the charts, below the tables
          browser.driver.executeScript("document.querySelector('#charts').scrollIntoView()");
        }
        Files.write(docs.resolve(page[1]), browser.driver.getScreenshotAs(OutputType.BYTES));
      }
    }
  }
}
