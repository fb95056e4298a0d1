package org.rnnlab.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Text;
import org.rnnlab.run.Sampler;
import org.rnnlab.store.Annotations;
import org.rnnlab.store.BoundedFiles;
import org.rnnlab.store.RunDirectory;

/**
 * The dashboard of {@code ./run serve}: the JDK's HTTP server over one archive. It reads runs only
 * through the core's archive and store code and never writes to a run, except a run's tags and
 * notes ({@link Annotations}, one file written atomically) on a POST that comes from its own pages.
 *
 * <p>What it answers: {@code /} (the archive), {@code /run/<id>}, {@code /sweep/<id>}, {@code
 * /compare?run=<id>&run=<id>}, {@code /files/<id>/<file>} (a run's own files, see {@link
 * ArchivePaths#FILE}), {@code /static/...} (its scripts, styles and uPlot, from the class path),
 * and the JSON of {@code /api/...} that the scripts draw from. Everything else is 404; no path of a
 * URL reaches the file system but through {@link ArchivePaths}.
 */
public final class Dashboard implements AutoCloseable {
  /** The longest text the sample box asks for. */
  static final int MAX_SAMPLE = 5000;

  /** The largest request body read (a POST of tags or notes). */
  static final int MAX_BODY = 16 << 10;

  /** Host headers a server bound to the loopback interface answers (anything else may be DNS rebinding). */
  private static final Pattern LOOPBACK_HOST = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?",
      Pattern.CASE_INSENSITIVE);

  /** Pages may load only this server's scripts, styles and images, and talk only to it. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ArchivePaths paths;
  private final RunIndex index;
  private final Sampler sampler;
  private final boolean loopback;
  private final PrintWriter log;
  private final Semaphore sampling = new Semaphore(1);
  private final Object annotating = new Object();
  private final Map<String, StaticFile> statics;

  private record StaticFile(byte[] bytes, String type) {}

  private Dashboard(HttpServer server, ExecutorService executor, Path archive, Sampler sampler, boolean loopback,
      PrintWriter log) throws IOException {
    this.server = server;
    this.executor = executor;
    this.paths = new ArchivePaths(archive);
    this.index = new RunIndex(paths);
    this.sampler = sampler;
    this.loopback = loopback;
    this.log = log;
    this.statics = loadStatics();
  }

  /**
   * Starts serving {@code archive} on {@code host}:{@code port} (0: a free port).
   *
   * @param sampler what draws text from a text run's network, or null for no sample box
   * @param log where a request that failed inside the server is reported (one line each)
   * @throws IOException when the port cannot be bound
   */
  public static Dashboard start(InetAddress host, int port, Path archive, Sampler sampler, PrintWriter log)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    // A few threads: a slow page (a large comparison) must not hold up the polls of a live chart.
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "rnnlab-dashboard");
      t.setDaemon(true);
      return t;
    });
    Dashboard dashboard = new Dashboard(server, executor, archive, sampler, host.isLoopbackAddress(), log);
    server.createContext("/", dashboard::handle);
    server.setExecutor(executor);
    server.start();
    // Read the archive once now, so the first page of a large archive does not wait for every run.
    executor.execute(() -> {
      try {
        dashboard.index.list();
      } catch (IOException | RuntimeException e) {
        // the page that asks will say what is wrong
      }
    });
    return dashboard;
  }

  /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    InetAddress ip = address.getAddress();
    String host = ip.isAnyLocalAddress() ? "127.0.0.1" : ip.getHostAddress().contains(":")
        ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** Stops answering: open exchanges get a moment to finish. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An answer other than 200, with a message for the page. */
  static final class Refusal extends Exception {
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    static Refusal notFound() {
      return new Refusal(404, "Nothing here. The dashboard serves runs of its archive only.");
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        route(exchange);
      } catch (Refusal r) {
        sendError(exchange, r.status, r.getMessage());
      } catch (ConfigException e) { // bad input in the request (a sample's temperature, …)
        sendError(exchange, 400, e.getMessage());
      } catch (IOException | RuntimeException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.println("rnnlab serve: " + Text.line(exchange.getRequestURI().getRawPath(), 200) + ": "
            + Text.line(what, 500));
        log.flush();
        sendError(exchange, 500, "The archive could not be read here: " + what);
      }
    } catch (RuntimeException e) {
      // the browser went away mid-answer: nothing to tell anyone
    }
  }

  private void route(HttpExchange exchange) throws IOException, Refusal {
    String method = exchange.getRequestMethod();
    if (loopback && !allowedHost(exchange.getRequestHeaders().getFirst("Host"))) {
      throw new Refusal(403, "This dashboard answers requests for 127.0.0.1 and localhost only (another host name"
          + " may be a web page using DNS rebinding).");
    }
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath();
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw Refusal.notFound();
    }
    List<String> segments = ArchivePaths.segments(rawPath);
    if (segments == null || segments.stream().anyMatch(s -> s.indexOf('\0') >= 0)) {
      throw Refusal.notFound();
    }
    Map<String, List<String>> query = query(uri.getRawQuery());
    boolean post = method.equals("POST");
    if (!post && !method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
      throw new Refusal(405, "Only GET and HEAD (and POST of tags and notes) are answered.");
    }
    String first = segments.isEmpty() ? "" : segments.get(0);
    List<String> rest = segments.isEmpty() ? List.of() : segments.subList(1, segments.size());
    if (post && !first.equals("api")) {
      throw new Refusal(405, "Pages are read-only.");
    }
    switch (first) {
      case "" -> {
        if (segments.size() > 1) {
          throw Refusal.notFound();
        }
        sendHtml(exchange, Html.page("archive", "archive", false,
            ArchivePage.render(index.list(), ArchivePage.Query.of(query))));
      }
      case "run" -> {
        Path run = run(rest);
        sendHtml(exchange, RunPage.render(run, String.join("/", rest), sampler != null));
      }
      case "sweep" -> {
        Path sweep = paths.directory(rest);
        if (sweep == null || !RunRecord.isSweep(sweep)) {
          throw Refusal.notFound();
        }
        sendHtml(exchange, SweepPage.render(paths, sweep, String.join("/", rest), stat(query),
            "1".equals(ArchivePage.first(query, "each"))));
      }
      case "compare" -> {
        if (!rest.isEmpty()) {
          throw Refusal.notFound();
        }
        sendHtml(exchange, ComparePage.render(Selection.of(paths, query.get("run")), stat(query),
            "1".equals(ArchivePage.first(query, "each"))));
      }
      case "files" -> {
        if (rest.size() < 2) {
          throw Refusal.notFound();
        }
        Path directory = paths.directory(rest.subList(0, rest.size() - 1));
        Path file = directory == null ? null : ArchivePaths.file(directory, rest.get(rest.size() - 1));
        if (file == null) {
          throw Refusal.notFound();
        }
        sendFile(exchange, file);
      }
      case "static" -> {
        StaticFile file = statics.get(String.join("/", rest));
        if (file == null) {
          throw Refusal.notFound();
        }
        send(exchange, 200, file.type(), file.bytes());
      }
      case "api" -> api(exchange, rest, query, post);
      default -> throw Refusal.notFound();
    }
  }

  private void api(HttpExchange exchange, List<String> rest, Map<String, List<String>> query, boolean post)
      throws IOException, Refusal {
    if (rest.size() == 1 && rest.get(0).equals("compare") && !post) {
      Selection selection = Selection.of(paths, query.get("run"));
      if (selection.runs.size() < 2) {
        throw new Refusal(400, "compare needs at least two runs of this archive");
      }
      sendJson(exchange, Selection.charts(Comparison.of(selection.runs), "1".equals(ArchivePage.first(query, "each"))));
      return;
    }
    if (rest.size() < 3 || !rest.get(0).equals("run")) {
      throw Refusal.notFound();
    }
    String action = rest.get(rest.size() - 1);
    Path run = run(rest.subList(1, rest.size() - 1));
    switch (action) {
      case "series" -> {
        requireGet(post);
        sendJson(exchange, MetricSeries.series(run, number(query, "from", Double.NEGATIVE_INFINITY),
            number(query, "to", Double.POSITIVE_INFINITY)));
      }
      case "study" -> {
        requireGet(post);
        sendJson(exchange, StudyCharts.of(run));
      }
      case "rows" -> {
        requireGet(post);
        sendJson(exchange, MetricSeries.rowsSince(run, ArchivePage.first(query, "cursor")));
      }
      case "tags", "notes" -> {
        if (!post) {
          throw new Refusal(405, "tags and notes change by POST from the dashboard's own pages");
        }
        sendJson(exchange, annotate(exchange, run, action));
      }
      case "sample" -> {
        requireGet(post);
        sendText(exchange, sample(run, query));
      }
      default -> throw Refusal.notFound();
    }
  }

  private static void requireGet(boolean post) throws Refusal {
    if (post) {
      throw new Refusal(405, "read-only");
    }
  }

  /** A run (not a sweep) of the archive, or 404. */
  private Path run(List<String> names) throws Refusal {
    Path run = paths.directory(names);
    if (run == null || RunRecord.isSweep(run)) {
      throw Refusal.notFound();
    }
    return run;
  }

  private static boolean allowedHost(String host) {
    return host != null && LOOPBACK_HOST.matcher(host).matches();
  }

  /**
   * Changes a run's tags or notes, for a request from this dashboard's own page only: a JSON body
   * (which a cross-site form cannot send), an Origin header naming this server, and, where the
   * browser sends it, Sec-Fetch-Site same-origin. Writes go one at a time.
   */
  private Map<String, Object> annotate(HttpExchange exchange, Path run, String what) throws IOException, Refusal {
    Headers headers = exchange.getRequestHeaders();
    String origin = headers.getFirst("Origin"), host = headers.getFirst("Host");
    String site = headers.getFirst("Sec-Fetch-Site");
    String type = headers.getFirst("Content-Type");
    if (origin == null || host == null || !origin.equals("http://" + host) || site != null && !site.equals("same-origin")
        || type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new Refusal(403, "Tags and notes change only from this dashboard's own pages (same origin, JSON).");
    }
    Map<String, Object> body = JsonBody.parse(readBody(exchange));
    RunDirectory.existing(run); // a run directory with a config and summary, no links inside
    Map<String, Object> out = new LinkedHashMap<>();
    synchronized (annotating) {
      Annotations current;
      try {
        current = Annotations.read(run);
      } catch (IOException e) {
        throw new Refusal(409, "The run's tags and notes are damaged (" + e.getMessage() + "); fix them with"
            + " ./run tag or ./run note.");
      }
      Annotations changed;
      try {
        if (what.equals("tags")) {
          changed = current.withTags(JsonBody.strings(body, "add"), JsonBody.strings(body, "remove"));
        } else {
          Object notes = body.get("notes");
          if (!(notes instanceof String text)) {
            throw new Refusal(400, "expected {\"notes\": \"...\"}");
          }
          changed = current.withNotes(text);
        }
      } catch (IllegalArgumentException e) {
        throw new Refusal(400, e.getMessage());
      }
      changed.write(run);
      out.put("tags", changed.tags());
      out.put("notes", changed.notes());
    }
    return out;
  }

  private static String readBody(HttpExchange exchange) throws IOException, Refusal {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new Refusal(413, "at most " + MAX_BODY + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private String sample(Path run, Map<String, List<String>> query) throws IOException, Refusal {
    if (sampler == null) {
      throw Refusal.notFound();
    }
    int length = (int) number(query, "length", 300);
    if (length < 1 || length > MAX_SAMPLE) {
      throw new Refusal(400, "length: expected 1.." + MAX_SAMPLE);
    }
    String prime = ArchivePage.first(query, "prime");
    Sampler.Request request = new Sampler.Request(prime == null ? "" : prime, length, number(query, "temperature", 1),
        (long) number(query, "seed", 1), Sampler.Parameters.BEST_IF_ANY, false);
    if (!sampling.tryAcquire()) {
      throw new Refusal(503, "Another sample is being drawn; try again in a moment.");
    }
    try {
      StringWriter text = new StringWriter();
      sampler.sample(run, request, new PrintWriter(text));
      return text.toString();
    } finally {
      sampling.release();
    }
  }

  private static Comparison.Stat stat(Map<String, List<String>> query) {
    String stat = ArchivePage.first(query, "stat");
    for (Comparison.Stat s : Comparison.Stat.values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(stat)) {
        return s;
      }
    }
    return Comparison.Stat.LAST;
  }

  private static double number(Map<String, List<String>> query, String key, double absent) throws Refusal {
    String value = ArchivePage.first(query, key);
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      double v = Double.parseDouble(value);
      if (Double.isNaN(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new Refusal(400, key + ": expected a number");
    }
  }

  /** The query's parameters, each percent-decoded ('+' a space, as forms send it); malformed ones are left out. */
  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = ArchivePaths.decode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
      String value = eq < 0 ? "" : ArchivePaths.decode(pair.substring(eq + 1).replace('+', ' '));
      if (key != null && value != null && value.indexOf('\0') < 0) {
        params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    return params;
  }

  private static Map<String, StaticFile> loadStatics() throws IOException {
    Map<String, StaticFile> files = new LinkedHashMap<>();
    String[][] list = {
      {"dashboard.js", "text/javascript; charset=utf-8"},
      {"dashboard.css", "text/css; charset=utf-8"},
      {"uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      {"uplot/uPlot.min.css", "text/css; charset=utf-8"},
      {"uplot/LICENSE", "text/plain; charset=utf-8"},
      {"uplot/VERSION", "text/plain; charset=utf-8"},
    };
    for (String[] f : list) {
      try (InputStream in = Dashboard.class.getResourceAsStream("static/" + f[0])) {
        if (in == null) {
          throw new IOException("the dashboard's " + f[0] + " is missing from the class path");
        }
        files.put(f[0], new StaticFile(in.readAllBytes(), f[1]));
      }
    }
    return Map.copyOf(files);
  }

  // ---- answers ----

  private static void sendHtml(HttpExchange exchange, String html) throws IOException {
    send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendJson(HttpExchange exchange, Object value) throws IOException {
    send(exchange, 200, "application/json", Json.write(value).getBytes(StandardCharsets.UTF_8));
  }

  private static void sendText(HttpExchange exchange, String text) throws IOException {
    send(exchange, 200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendError(HttpExchange exchange, int status, String message) {
    try {
      boolean api = exchange.getRequestURI().getRawPath().startsWith("/api/");
      String title = status == 404 ? "not found" : "error " + status;
      byte[] body = api ? Json.write(Map.of("error", message)).getBytes(StandardCharsets.UTF_8)
          : Html.page(title, "error", false, "<h1>" + Html.text(title) + "</h1>\n<p class=\"problem\">"
              + Html.text(message) + "</p>\n<p><a href=\"/\">the archive</a></p>\n").getBytes(StandardCharsets.UTF_8);
      send(exchange, status, api ? "application/json" : "text/html; charset=utf-8", body);
    } catch (IOException | RuntimeException e) {
      // the answer could not be sent: the browser went away
    }
  }

  /** Headers every answer carries: its type, no sniffing, no caching, no framing, this policy. */
  private static void headers(HttpExchange exchange, String type) {
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cache-Control", "no-store");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin"); // "no-referrer" would make the browser send Origin: null on POST
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("Cross-Origin-Resource-Policy", "same-origin");
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    headers(exchange, type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A run's file as it is now: the bytes up to its size when opened (a growing metrics.csv is cut at a row). */
  private static void sendFile(HttpExchange exchange, Path file) throws IOException {
    String name = file.getFileName().toString();
    String type = name.endsWith(".png") ? "image/png" : name.endsWith(".csv") ? "text/csv; charset=utf-8"
        : name.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8";
    BoundedFiles.requireRegular(file);
    try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > org.rnnlab.store.MetricsTable.MAX_BYTES) {
        throw new IOException(name + " is " + size + " bytes; at most " + org.rnnlab.store.MetricsTable.MAX_BYTES
            + " are served");
      }
      headers(exchange, type);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(200, head || size == 0 ? -1 : size);
      if (!head && size > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64 << 10);
          long sent = 0;
          while (sent < size) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), size - sent));
            int n = channel.read(buffer, sent);
            if (n < 0) {
              throw new IOException(name + " shrank while it was sent");
            }
            out.write(buffer.array(), 0, n);
            sent += n;
          }
        }
      }
    }
  }
}
