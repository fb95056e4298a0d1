package org.rnnlab.plugins.tasks;

import java.util.random.RandomGenerator;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The memorization task of the original design: read L symbols drawn uniformly from K, then a
 * delimiter, then repeat the L symbols while the input shows blanks.
 *
 * <pre>
 * vocabulary   symbols 0 … K−1, delimiter K, blank K+1          (K + 2 in all, T = 2L + 1 steps)
 * input        s_1 … s_L   delimiter   blank × L
 * target       blank × L   delimiter   s_1 … s_L
 * </pre>
 *
 * Every position has a target (so the loss also teaches the blanks); accuracy scores only the L
 * positions after the delimiter, where the network must recall.
 */
public final class MemoryTask implements Task {

  /** Settings of {@code memory}. */
  public record Settings(
      @Setting(value = "L, the number of symbols to remember", defaultValue = "13", min = 1, max = 10_000)
      int remember,
      @Setting(value = "K, the number of distinct symbols", defaultValue = "8", min = 2, max = 10_000)
      int symbols) {}

  private final int remember;
  private final int symbols;
  private final TaskShape shape;

  public MemoryTask(Settings settings) {
    this.remember = settings.remember();
    this.symbols = settings.symbols();
    int vocabulary = symbols + 2;
    this.shape = new TaskShape(2 * remember + 1, vocabulary, true, vocabulary);
  }

  /** The delimiter's index, K. */
  public int delimiter() {
    return symbols;
  }

  /** The blank's index, K + 1. */
  public int blank() {
    return symbols + 1;
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public void sample(SequenceBatch batch, RandomGenerator random) {
    final int l = remember;
    for (int b = 0; b < batch.batchSize(); b++) {
      for (int t = 0; t < l; t++) {
        int symbol = random.nextInt(symbols);
        batch.setSymbol(t, b, symbol);
        batch.setTarget(t, b, blank());
        batch.setScored(t, b, false);
        batch.setSymbol(l + 1 + t, b, blank());
        batch.setTarget(l + 1 + t, b, symbol);
        batch.setScored(l + 1 + t, b, true);
      }
      batch.setSymbol(l, b, delimiter());
      batch.setTarget(l, b, delimiter());
      batch.setScored(l, b, false);
    }
  }

  /** Guessing one of the K symbols: 1/K. */
  @Override
  public double chanceAccuracy() {
    return 1.0 / symbols;
  }

  /** Sequences of {@code steps} = 2L + 1 steps (an odd number ≥ 3). */
  @Override
  public Task withLength(int steps) {
    if (steps < 3 || steps % 2 == 0) {
      throw new IllegalArgumentException("the memory task has 2L + 1 steps (odd, at least 3), not " + steps);
    }
    return new MemoryTask(new Settings((steps - 1) / 2, symbols));
  }
}
