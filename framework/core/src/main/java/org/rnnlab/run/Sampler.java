package org.rnnlab.run;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Text;
import org.rnnlab.experiment.Checkpoint;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.spi.Vocabulary;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.YamlFiles;

/**
 * Generates text from the network a text run saved, one character at a time (as min-char-rnn and
 * char-rnn sample): the network reads the prime, then repeatedly draws the next character from
 * softmax(z / temperature) and reads it back, its state carried from each character to the next.
 * The draws come from a generator seeded with {@code seed} alone, so a seed gives the same text.
 * Needs only the run directory ({@code config.yaml}, {@code vocabulary.json} and a checkpoint),
 * not the data file.
 */
public final class Sampler {
  /** Longest sample. */
  public static final int MAX_LENGTH = 10_000_000;

  /** Largest temperature (beyond it the draws are as good as uniform). */
  public static final double MAX_TEMPERATURE = 100;

  private final ConfigLoader loader;

  @Inject
  Sampler(ConfigLoader loader) {
    this.loader = loader;
  }

  /** Which saved parameters to sample from. */
  public enum Parameters {
    /** {@code best.bin} (lowest validation loss) when the run has one, else {@code checkpoint.bin}. */
    BEST_IF_ANY,
    /** {@code best.bin}, required. */
    BEST,
    /** {@code checkpoint.bin}: where training stopped. */
    LAST
  }

  /**
   * @param prime the text the network reads first (printed first); empty: a newline, or the first
   *     symbol when the vocabulary has none
   * @param temperature 0 picks the likeliest character every time
   * @param save also write the text to {@code sample-<time>.txt} in the run directory
   */
  public record Request(String prime, int length, double temperature, long seed, Parameters parameters,
      boolean save) {}

  /** What was sampled from, and the file written (or null). */
  public record Result(String checkpoint, long step, Path file) {}

  /**
   * Writes the prime and {@code length} generated characters to {@code out} as they are made.
   *
   * @throws ConfigException when the run, its checkpoint, its vocabulary or the request do not fit;
   *     nothing has been written then
   */
  public Result sample(Path runDirectory, Request request, PrintWriter out) throws IOException {
    RunDirectory dir = RunDirectory.existing(runDirectory);
    Origin where = Origin.of(runDirectory.toString());
    if (request.length() < 0 || request.length() > MAX_LENGTH) {
      throw new ConfigException(Origin.of("--length"), "", "expected 0.." + MAX_LENGTH + ", got " + request.length());
    }
    if (!(request.temperature() >= 0 && request.temperature() <= MAX_TEMPERATURE)) {
      throw new ConfigException(Origin.of("--temperature"), "", "expected a number in 0.." + (int) MAX_TEMPERATURE
          + " (0: always the likeliest character), got " + request.temperature());
    }
    Vocabulary vocabulary = readVocabulary(dir, where);
    Path checkpointFile = checkpointFile(dir, request.parameters(), where);
    Checkpoint checkpoint = Evaluator.readSavedNetwork(checkpointFile, "sample");
    Path configFile = dir.resolve(RunFiles.CONFIG);
    RunConfig config = loader.bind(configFile, configFile.toString());
    TaskShape shape = new TaskShape(1, vocabulary.size(), true, vocabulary.size());
    Network network;
    try {
      network = new Network(config.network().networkLayers(), shape, 0, config.network().precision());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Origin.of(configFile.toString()), "network", e.getMessage());
    }
    double[] saved = checkpoint.array("parameters"), values = network.parameters().values();
    if (saved.length != values.length) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "the checkpoint has " + saved.length
          + " parameters; the run's network over its " + vocabulary.size() + " characters has " + values.length
          + " (the checkpoint or vocabulary.json is not this run's)");
    }
    System.arraycopy(saved, 0, values, 0, saved.length);
    int[] prime;
    try {
      prime = request.prime().isEmpty() ? new int[] {Math.max(0, vocabulary.indexOf('\n'))}
          : vocabulary.encode(request.prime());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Origin.of("--prime"), "", e.getMessage() + " (the run's characters are in "
          + dir.resolve(RunFiles.VOCABULARY) + ")");
    }

    StringBuilder text = new StringBuilder();
    Network.Unrolled unrolled = network.unroll(1, 1);
    SequenceBatch batch = new SequenceBatch(shape, 1);
    SplitMix64 random = new SplitMix64(request.seed());
    double[] p = new double[vocabulary.size()];
    boolean open = emit(out, text, request.prime().isEmpty() ? vocabulary.decode(prime[0]) : request.prime(),
        request.save());
    int next = -1;
    for (int i = 0; open && i < prime.length + request.length() - 1; i++) {
      int symbol = i < prime.length ? prime[i] : next;
      batch.setSymbol(0, 0, symbol);
      if (i > 0) {
        unrolled.carryState();
      }
      unrolled.forward(batch);
      if (i + 1 >= prime.length) {
        next = draw(unrolled.output(0), request.temperature(), random, p);
        open = emit(out, text, vocabulary.decode(next), request.save());
      }
    }
    out.flush();
    Path file = null;
    if (request.save()) {
      file = dir.createUniqueFile("sample-" + RunDirectory.STAMP.format(LocalDateTime.now()), "txt");
      AtomicFiles.writeString(file, text.toString());
    }
    long step = checkpoint.getLong("step");
    return new Result(checkpointFile.getFileName().toString(), step, file);
  }

  /** Writes {@code s}; returns false once {@code out} has failed (a reader such as head went away). */
  private static boolean emit(PrintWriter out, StringBuilder text, String s, boolean keep) {
    out.write(s);
    if (keep) {
      text.append(s);
    }
    if (s.equals("\n")) {
      return !out.checkError(); // flushes: a line at a time on a terminal
    }
    return true;
  }

  /**
   * A symbol drawn from softmax(z / temperature) (z: V×1), or the arg-max at temperature 0. The
   * draw is one uniform number against the cumulative probabilities.
   */
  static int draw(MatrixView z, double temperature, SplitMix64 random, double[] p) {
    int v = p.length;
    int best = 0;
    for (int k = 1; k < v; k++) {
      if (z.get(k, 0) > z.get(best, 0)) {
        best = k;
      }
    }
    if (temperature == 0) {
      return best;
    }
    double max = z.get(best, 0), sum = 0;
    for (int k = 0; k < v; k++) {
      p[k] = Math.exp((z.get(k, 0) - max) / temperature);
      sum += p[k];
    }
    double u = random.nextDouble() * sum, cumulative = 0;
    for (int k = 0; k < v; k++) {
      cumulative += p[k];
      if (u < cumulative) {
        return k;
      }
    }
    return best; // u rounded up to the sum
  }

  private static Path checkpointFile(RunDirectory dir, Parameters which, Origin where) {
    Path best = dir.resolve(RunFiles.BEST_CHECKPOINT), last = dir.resolve(RunFiles.CHECKPOINT);
    if (which != Parameters.LAST && Files.exists(best)) {
      return best;
    }
    if (which == Parameters.BEST) {
      throw new ConfigException(where, "", "no " + RunFiles.BEST_CHECKPOINT + ": the run has not been validated yet"
          + (Files.exists(last) ? "; --last samples from " + RunFiles.CHECKPOINT : ""));
    }
    if (!Files.exists(last)) {
      throw new ConfigException(where, "", "no saved network (" + RunFiles.CHECKPOINT + "): only training runs save one");
    }
    return last;
  }

  /** The run's vocabulary.json: a list of distinct one-character strings. */
  static Vocabulary readVocabulary(RunDirectory dir, Origin where) {
    Path file = dir.resolve(RunFiles.VOCABULARY);
    if (!Files.exists(file)) {
      throw new ConfigException(where, "", "no " + RunFiles.VOCABULARY + ": only runs of a text task can be sampled");
    }
    try {
      List<String> symbols = new ArrayList<>();
      for (Object o : YamlFiles.readList(file)) {
        if (!(o instanceof String s)) {
          throw new IOException(RunFiles.VOCABULARY + " holds " + Text.abbreviated(String.valueOf(o), 40, 20, 10)
              + ", not a string");
        }
        symbols.add(s);
      }
      return new Vocabulary(symbols);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(Origin.of(file.toString()), "", "cannot sample: " + e.getMessage());
    }
  }
}
