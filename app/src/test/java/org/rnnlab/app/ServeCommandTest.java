package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./run serve as a user starts it: prints its address, serves the archive, stops cleanly on Ctrl-C. */
class ServeCommandTest {
  @TempDir Path dir;

  private URI start(Process serve) throws IOException, InterruptedException {
    return address(serve, dir);
  }

  /**
   * Waits for the line with the address of {@code serve} (a ./run serve started by {@link
   * Runs#startLauncher} in {@code directory}) and returns the address; fails with what it printed.
   */
  static URI address(Process serve, Path directory) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Pattern address = Pattern.compile("at (http://[0-9.]+:[0-9]+/) \\(Ctrl-C stops it\\)");
    while (System.nanoTime() < deadline) {
      Matcher m = address.matcher(Files.readString(directory.resolve("out.txt")));
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!serve.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    serve.destroyForcibly();
    throw new AssertionError("no address printed: " + Files.readString(directory.resolve("out.txt"))
        + Files.readString(directory.resolve("err.txt")));
  }

  @Test
  void servesTheArchiveAndStopsCleanlyOnCtrlC() throws Exception {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(config.toString(), "--runs-dir", dir.resolve("runs").toString()).exitCode());
    Process serve = Runs.startLauncher(dir, "serve", "--port", "0", "--runs-dir", dir.resolve("runs").toString());
    try {
      URI url = start(serve);
      assertEquals("127.0.0.1", url.getHost(), "this machine only, unless told otherwise");
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("_small"), page.body());
      new ProcessBuilder("kill", "-INT", Long.toString(serve.pid())).start().waitFor();
      assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "Ctrl-C stops it");
      assertTrue(Files.readString(dir.resolve("out.txt")).contains("dashboard stopped"));
      String err = Files.readString(dir.resolve("err.txt"));
      assertEquals("", err, "nothing on stderr");
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), url.getPort())) {
        throw new AssertionError("still listening on " + url);
      } catch (ConnectException expected) {
        // the port is free again
      }
    } finally {
      serve.destroyForcibly();
      serve.waitFor();
    }
  }

  @Test
  void theSampleBoxOfATextRunDrawsWhatSampleDraws() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    byte[] corpus = Files.readAllBytes(LauncherEndToEndTest.ROOT.resolve("data/tinyshakespeare.txt"));
    Files.write(data.resolve("text.txt"), java.util.Arrays.copyOf(corpus, 20_000));
    Path config = Files.writeString(dir.resolve("lm.yaml"), """
        name: lm
        task: {type: text, file: data/text.txt, chunk: 16, validation: 0.1}
        network: {layers: [{cell: lstm, hidden: 16}]}
        experiment: {type: train, steps: 40, batch_size: 4, log_every: 20, eval_every: 20}
        sinks: []
        """);
    Path runs = dir.resolve("runs");
    assertEquals(0, Runs.execute(config.toString(), "--runs-dir", runs.toString()).exitCode());
    Path small = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(small.toString(), "--runs-dir", runs.toString()).exitCode());
    String lm = Runs.runDirectories(runs).stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_lm"))
        .findFirst().orElseThrow();
    String memory = Runs.runDirectories(runs).stream().map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith("_small")).findFirst().orElseThrow();
    Runs.Result cli = Runs.execute("sample", runs.resolve(lm).toString(), "--prime", "ROMEO:", "--length", "60",
        "--temperature", "0.7", "--seed", "3", "--runs-dir", runs.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    Process serve = Runs.startLauncher(dir, "serve", "--port", "0", "--runs-dir", runs.toString());
    try {
      URI url = start(serve);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> sample = http.send(HttpRequest.newBuilder(url.resolve("api/run/" + lm
          + "/sample?prime=ROMEO%3A&length=60&temperature=0.7&seed=3")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, sample.statusCode(), sample.body());
      assertEquals("text/plain; charset=utf-8", sample.headers().firstValue("Content-Type").orElseThrow());
      assertEquals(cli.out().stripTrailing(), sample.body().stripTrailing(), "the same text as ./run sample");
      assertTrue(http.send(HttpRequest.newBuilder(url.resolve("run/" + lm)).build(), HttpResponse.BodyHandlers
          .ofString()).body().contains("<form id=\"sample\""), "a text run's page has the sample box");
      assertFalse(http.send(HttpRequest.newBuilder(url.resolve("run/" + memory)).build(), HttpResponse.BodyHandlers
          .ofString()).body().contains("<form id=\"sample\""), "other runs have none");
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(url.resolve("api/run/" + memory + "/sample"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, refused.statusCode());
      assertTrue(refused.body().contains("only runs of a text task can be sampled"), refused.body());
      HttpResponse<String> tooLong = http.send(HttpRequest.newBuilder(url.resolve("api/run/" + lm
          + "/sample?length=5001")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, tooLong.statusCode());
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  @Test
  void anotherAddressIsServedWithAWarning() throws Exception {
    Process serve = Runs.startLauncher(dir, "serve", "--host", "0.0.0.0", "--port", "0", "--runs-dir",
        dir.resolve("none").toString());
    try {
      URI url = start(serve);
      String err = Files.readString(dir.resolve("err.txt"));
      assertTrue(err.startsWith("rnnlab: warning: serving on 0.0.0.0, not 127.0.0.1: anyone who can reach")
          && err.lines().count() == 1, err);
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(page.body().contains("No runs yet"), "an archive that does not exist yet is empty");
      assertFalse(Files.exists(dir.resolve("none")), "serving creates nothing");
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  @Test
  void aPortInUseIsBadInput() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Runs.Result r = Runs.execute("serve", "--port", Integer.toString(taken.getLocalPort()), "--runs-dir",
          dir.resolve("runs").toString());
      assertEquals(2, r.exitCode());
      assertTrue(r.err().startsWith("rnnlab: --port: cannot listen on 127.0.0.1 port " + taken.getLocalPort())
          && r.err().contains("--port 0 picks a free port") && r.err().lines().count() == 1, r.err());
    }
  }

  @Test
  void anAddressOfAnotherMachineIsBadInputThatNamesTheHost() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface of this machine has it, so binding fails.
    Runs.Result r = Runs.execute("serve", "--host", "192.0.2.1", "--port", "0", "--runs-dir",
        dir.resolve("runs").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("rnnlab: --host: cannot listen on 192.0.2.1")
        && r.err().contains("not an address of this machine") && r.err().lines().count() == 1, r.err());
  }
}
