package org.rnnlab.plugins.tasks;

import java.util.random.RandomGenerator;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The copy task of Arjovsky, Shah &amp; Bengio (2016): remember N symbols over a delay of T steps.
 *
 * <pre>
 * vocabulary   symbols 0 … K−1, delimiter K, blank K+1                (T + 2N steps)
 * input        s_1 … s_N   blank × (T−1)   delimiter   blank × N
 * target       blank × (T + N)                          s_1 … s_N
 * </pre>
 *
 * With N = 10 and K = 8 as in the paper. Without memory the best is to predict the blanks and
 * guess uniformly at the end: N·ln K nats per sequence, N·ln K / (T + 2N) per step (for N = 10:
 * 10·ln 8 / (T + 20), the paper's baseline). Accuracy scores the N recalled positions.
 */
public final class CopyTask implements Task {

  /** Settings of {@code copy}. */
  public record Settings(
      @Setting(value = "T, the delay between the last symbol and the delimiter's answer", defaultValue = "100",
          min = 1, max = 100_000)
      int delay,
      @Setting(value = "N, the number of symbols to copy", defaultValue = "10", min = 1, max = 10_000)
      int length,
      @Setting(value = "K, the number of distinct symbols", defaultValue = "8", min = 2, max = 10_000)
      int symbols) {}

  private final Settings settings;
  private final TaskShape shape;

  public CopyTask(Settings settings) {
    this.settings = settings;
    int vocabulary = settings.symbols() + 2;
    this.shape = new TaskShape(settings.delay() + 2 * settings.length(), vocabulary, true, vocabulary);
  }

  public int delimiter() {
    return settings.symbols();
  }

  public int blank() {
    return settings.symbols() + 1;
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public void sample(SequenceBatch batch, RandomGenerator random) {
    final int n = settings.length(), steps = shape.steps(), answer = steps - n;
    for (int b = 0; b < batch.batchSize(); b++) {
      for (int t = 0; t < steps; t++) {
        batch.setSymbol(t, b, blank());
        batch.setTarget(t, b, blank());
        batch.setScored(t, b, false);
      }
      for (int t = 0; t < n; t++) {
        int symbol = random.nextInt(settings.symbols());
        batch.setSymbol(t, b, symbol);
        batch.setTarget(answer + t, b, symbol);
        batch.setScored(answer + t, b, true);
      }
      batch.setSymbol(answer - 1, b, delimiter());
    }
  }

  /** N·ln K per sequence: blanks predicted, the symbols guessed. */
  @Override
  public double baselineLoss() {
    return settings.length() * Math.log(settings.symbols());
  }

  /** Guessing one of the K symbols: 1/K. */
  @Override
  public double chanceAccuracy() {
    return 1.0 / settings.symbols();
  }

  /** Sequences of T + 2N steps: the delay becomes {@code steps} − 2N. */
  @Override
  public Task withLength(int steps) {
    int delay = steps - 2 * settings.length();
    if (delay < 1) {
      throw new IllegalArgumentException("the copy task of " + settings.length() + " symbols needs at least "
          + (2 * settings.length() + 1) + " steps, not " + steps);
    }
    return new CopyTask(new Settings(delay, settings.length(), settings.symbols()));
  }
}
