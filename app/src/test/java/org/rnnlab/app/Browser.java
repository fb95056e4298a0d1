package org.rnnlab.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the dashboard's browser tests, through Debian's chromedriver: both are
 * given by path ({@code -Drnnlab.chromium}, {@code -Drnnlab.chromedriver} for others), so Selenium
 * never starts Selenium Manager, which could try to download a driver or a browser. {@code
 * .ci/services/chromium.sh install} installs them.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("rnnlab.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("rnnlab.chromedriver", "/usr/bin/chromedriver");

  /** Every argument and why. */
  static final List<String> ARGUMENTS = List.of(
      "--headless=new",                   // no display on CI
      "--no-sandbox",                     // as root (CI containers), Chromium refuses to start without it
      "--disable-gpu",                    // no GPU: Skia draws on the CPU
      "--disable-dev-shm-usage",          // a small /dev/shm (containers) would crash tabs; /tmp instead
      "--disable-quic",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",             // Debian's wrapper would load its bundled extensions
      "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
      "--metrics-recording-only",
      // Even with the flags above Chromium looks up Google's hosts at start; with this rule no host
      // name resolves and no query leaves the machine. 127.0.0.1 needs its own EXCLUDE.
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
      "--mute-audio",
      "--window-size=1400,1000",          // the viewport is about 143 px shorter (the window's frame)
      "--force-device-scale-factor=1");   // canvas pixels = CSS pixels: pixel counts are stable

  final ChromeDriver driver;
  private final Path profile;

  Browser(Path logDirectory) throws IOException {
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new IllegalStateException(binary + " is missing: the dashboard's browser tests need Debian's chromium and"
            + " chromium-driver (.ci/services/chromium.sh install), or -Drnnlab.chromium and -Drnnlab.chromedriver");
      }
    }
    // Selenium warns at every start that it has no DevTools bindings for this Chromium; no test uses them.
    Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.SEVERE);
    Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver").setLevel(Level.SEVERE);
    Files.createDirectories(logDirectory);
    profile = Files.createTempDirectory("rnnlab-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(ARGUMENTS);
    options.addArguments("--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // the page's console, without CDP
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().withLogFile(logDirectory.resolve("chromedriver.log").toFile()).build();
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException | Error e) {
      service.stop(); // else chromedriver outlives the failed start
      deleteProfile();
      throw e;
    }
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit(); // ends Chromium and chromedriver
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() throws IOException {
    try (Stream<Path> walk = Files.walk(profile)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
