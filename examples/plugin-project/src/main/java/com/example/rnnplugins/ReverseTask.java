package com.example.rnnplugins;

import java.util.random.RandomGenerator;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * Read N symbols drawn from K, then a delimiter, then write the N symbols in reverse order while
 * the input shows blanks. Only the N positions after the delimiter have a target, and all of them
 * are scored.
 *
 * <pre>
 * input    s_1 … s_N   delimiter   blank × N            symbols 0 … K−1, delimiter K, blank K+1
 * target   —   …   —       —       s_N … s_1            T = 2N + 1 steps, K outputs
 * </pre>
 */
public final class ReverseTask implements Task {

  /** Settings of {@code task: reverse}. */
  public record Settings(
      @Setting(value = "N, the number of symbols to reverse", defaultValue = "6", min = 1, max = 10_000)
      int length,
      @Setting(value = "K, the number of distinct symbols", defaultValue = "4", min = 2, max = 10_000)
      int symbols) {}

  private final Settings settings;
  private final TaskShape shape;

  public ReverseTask(Settings settings) {
    this.settings = settings;
    this.shape = new TaskShape(2 * settings.length() + 1, settings.symbols() + 2, true, settings.symbols());
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public void sample(SequenceBatch batch, RandomGenerator random) {
    batch.clear();
    int n = settings.length(), delimiter = settings.symbols(), blank = settings.symbols() + 1;
    for (int b = 0; b < batch.batchSize(); b++) {
      for (int t = 0; t < n; t++) {
        int symbol = random.nextInt(settings.symbols());
        batch.setSymbol(t, b, symbol);
        int recall = 2 * n - t; // s_1 is written last
        batch.setSymbol(recall, b, blank);
        batch.setTarget(recall, b, symbol);
        batch.setScored(recall, b, true);
      }
      batch.setSymbol(n, b, delimiter);
    }
  }

  /** Without memory the best guess is uniform: N ln K per sequence. */
  @Override
  public double baselineLoss() {
    return settings.length() * Math.log(settings.symbols());
  }

  @Override
  public double chanceAccuracy() {
    return 1.0 / settings.symbols();
  }
}
