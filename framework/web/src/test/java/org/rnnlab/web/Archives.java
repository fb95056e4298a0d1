package org.rnnlab.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.store.RunSummary;
import org.rnnlab.store.SweepRecord;

/**
 * Archives for the dashboard's tests, written with the store's own writers where there is one
 * (summary, sweep record), and raw HTTP requests: the request line goes out exactly as written, so
 * a test can send what a browser would normalize away ({@code ..}, encoded dots).
 */
final class Archives {
  private Archives() {}

  /** A completed training run with {@code rows} rows of step, loss, accuracy and test columns. */
  static Path run(Path archive, String directory, String name, int rows, double learningRate, int seed)
      throws IOException {
    Path run = Files.createDirectories(archive.resolve(directory));
    Files.writeString(run.resolve("config.yaml"), "name: " + name + "\nseed: " + seed
        + "\noptimizer:\n  type: adam\n  learning_rate: " + learningRate + "\ntags: []\nnotes: ''\n");
    Files.writeString(run.resolve("overrides.txt"), "optimizer.learning_rate=" + learningRate + "\n");
    Files.writeString(run.resolve("provenance.yaml"), "rnnlab: 0.1.0-SNAPSHOT\nhost: test\n");
    try (BufferedWriter out = Files.newBufferedWriter(run.resolve("metrics.csv"))) {
      out.write("step,loss,accuracy,test_loss,test_accuracy\n");
      for (int i = 1; i <= rows; i++) {
        double loss = 2 * Math.exp(-i * learningRate / 10) + 0.01 * seed;
        out.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s%n", i * 10, loss, 1 - loss / 3, i % 10 == 0 ? loss : "",
            i % 10 == 0 ? 1 - loss / 3 : ""));
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("steps", rows * 10);
    new RunSummary(RunStatus.COMPLETED, "", name, "train", "2026-11-26T10:00:00+00:00", "2026-11-26T10:01:00+00:00",
        60.0, (long) rows, null, null, results).write(run);
    return run;
  }

  /** A sweep of learning rates × seeds, its points completed runs. */
  static Path sweep(Path archive, String directory, List<Double> rates, List<Integer> seeds) throws IOException {
    Path sweep = Files.createDirectories(archive.resolve(directory));
    List<SweepRecord.PointRecord> points = new ArrayList<>();
    int n = 0;
    for (double rate : rates) {
      for (int seed : seeds) {
        n++;
        String point = n + "_learning_rate=" + rate + "_seed=" + seed;
        run(sweep, point, "memory", 50, rate, seed);
        points.add(new SweepRecord.PointRecord(n, point, List.of("optimizer.learning_rate=" + rate, "seed=" + seed),
            null, "completed", ""));
      }
    }
    new SweepRecord("memory", "2026-11-26T10:00:00+00:00", null, "configs/memory.yaml", null, List.of(),
        Map.of("optimizer.learning_rate", rates.stream().map(String::valueOf).toList(), "seed",
            seeds.stream().map(String::valueOf).toList()), Map.of(), 2, 10.0, Map.of(), List.of(), points).write(sweep);
    return sweep;
  }

  /** What a raw request got back. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code request} (request line, headers, blank line, body) as it is, and reads the whole answer. */
  static Response raw(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] head = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
      }
      return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
    }
  }

  /** A GET of {@code target} (sent exactly as written) from a page of this server. */
  static Response get(int port, String target) throws IOException {
    return raw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
  }

  /** A POST of {@code json} with these extra header lines (each ending in CRLF). */
  static Response post(int port, String target, String headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return raw(port, "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n" + headers
        + "Content-Length: " + bytes.length + "\r\n\r\n" + body);
  }
}
