package org.rnnlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.plot.ChartRenderer;
import org.rnnlab.store.MetricsTable;

/**
 * Validation loss against training time, an rnnlab text run beside the PyTorch char-rnn peer: one
 * chart and a table that compares, at every evaluation of either, the lowest validation loss each
 * had reached by then. Evaluation time is excluded on both sides (rnnlab's {@code train_seconds},
 * the peer's {@code train_seconds=}).
 *
 * <pre>
 * ./run bench --text-curve RUN_DIR PEER_LOG OUT_DIR
 * </pre>
 *
 * PEER_LOG is what {@code bench/peers/torch_char.py ... --curve} printed; OUT_DIR receives
 * {@code text-curve.png} and {@code text-curve.md}. {@code bench/text-curve.sh} runs both and calls this.
 */
final class TextCurve {
  private static final Pattern PEER_EVAL = Pattern.compile("^EVAL train_seconds=([0-9.]+) step=\\d+ val_loss=([0-9.]+)");

  /** (seconds, validation loss) pairs in time order. */
  record Curve(String name, List<double[]> points) {
    /** The lowest validation loss reached at or before {@code seconds}, NaN before the first point. */
    double bestBy(double seconds) {
      double best = Double.NaN;
      for (double[] p : points) {
        if (p[0] <= seconds + 1e-9 && !(p[1] >= best)) {
          best = p[1];
        }
      }
      return best;
    }
  }

  private TextCurve() {}

  static int main(List<String> args) throws IOException {
    if (args.size() != 3) {
      System.err.println("rnnlab: bench --text-curve: expected RUN_DIR PEER_LOG OUT_DIR; see ./run bench --help");
      return 2;
    }
    Path run = Path.of(args.get(0)), peerLog = Path.of(args.get(1)), out = Path.of(args.get(2));
    for (Path p : List.of(run.resolve("metrics.csv"), peerLog)) {
      if (!Files.isRegularFile(p)) {
        System.err.println("rnnlab: bench --text-curve: " + p + ": not a regular file");
        return 2;
      }
    }
    Curve ours = ours(run.resolve("metrics.csv"));
    Curve peer = peer(peerLog);
    if (ours.points().isEmpty() || peer.points().isEmpty()) {
      System.err.println("rnnlab: bench --text-curve: no validation points in "
          + (ours.points().isEmpty() ? run.resolve("metrics.csv") : peerLog));
      return 2;
    }
    Files.createDirectories(out);
    LineChart chart = new LineChart("validation loss against training time, tinyshakespeare", "training seconds",
        "validation loss (nats/char)");
    for (Curve c : List.of(ours, peer)) {
      chart.series(c.name(), c.points().stream().mapToDouble(p -> p[0]).toArray(),
          c.points().stream().mapToDouble(p -> p[1]).toArray());
    }
    new ChartRenderer(chart).writePng(out.resolve("text-curve.png"));
    String table = table(ours, peer);
    Files.writeString(out.resolve("text-curve.md"), table, StandardCharsets.UTF_8);
    System.out.print(table);
    System.out.println("results in " + out);
    return 0;
  }

  /** Markdown: at each evaluation time of either side, the best validation loss each had by then. */
  static String table(Curve ours, Curve peer) {
    List<Double> times = new ArrayList<>();
    ours.points().forEach(p -> times.add(p[0]));
    peer.points().forEach(p -> times.add(p[0]));
    times.sort(Double::compare);
    StringBuilder s = new StringBuilder("| training s | " + ours.name() + " | " + peer.name() + " | lower |\n|---|---|---|---|\n");
    int oursAhead = 0, compared = 0;
    for (double t : times) {
      double o = ours.bestBy(t), q = peer.bestBy(t);
      String lower = Double.isNaN(o) || Double.isNaN(q) ? "-" : o < q ? "rnnlab" : o > q ? "peer" : "equal";
      if (!lower.equals("-")) {
        compared++;
        oursAhead += lower.equals("rnnlab") ? 1 : 0;
      }
      s.append(String.format(Locale.ROOT, "| %.1f | %s | %s | %s |%n", t, f4(o), f4(q), lower));
    }
    s.append(String.format(Locale.ROOT, "%nrnnlab lower at %d of %d compared times; final: rnnlab %s, peer %s%n",
        oursAhead, compared, f4(ours.bestBy(Double.MAX_VALUE)), f4(peer.bestBy(Double.MAX_VALUE))));
    return s.toString();
  }

  private static String f4(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  static Curve ours(Path metrics) throws IOException {
    List<double[]> points = new ArrayList<>();
    for (MetricRow r : MetricsTable.read(metrics).rows()) {
      if (r.has("val_loss") && !Double.isNaN(r.get("val_loss"))) {
        points.add(new double[] {r.get("train_seconds"), r.get("val_loss")});
      }
    }
    return new Curve("rnnlab", points);
  }

  static Curve peer(Path log) throws IOException {
    List<double[]> points = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = PEER_EVAL.matcher(line);
      if (m.find()) {
        points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
      }
    }
    return new Curve("PyTorch peer", points);
  }
}
