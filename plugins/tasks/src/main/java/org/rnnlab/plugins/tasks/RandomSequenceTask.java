package org.rnnlab.plugins.tasks;

import java.util.random.RandomGenerator;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * Next-symbol prediction on symbols drawn independently and uniformly from V: the target at step t
 * is the input at step t+1 (a fresh symbol after the last step). There is nothing to learn beyond
 * the uniform distribution (T·ln V nats per sequence); the task exists to drive BPTT through
 * sequences of any length, as the exploding-gradient study of the original design does.
 */
public final class RandomSequenceTask implements Task {

  /** Settings of {@code random-sequence}. */
  public record Settings(
      @Setting(value = "T, the number of steps", defaultValue = "10", min = 1, max = 1_000_000)
      int length,
      @Setting(value = "V, the number of symbols", defaultValue = "10", min = 2, max = 100_000)
      int vocabulary) {}

  private final Settings settings;
  private final TaskShape shape;

  public RandomSequenceTask(Settings settings) {
    this.settings = settings;
    this.shape = new TaskShape(settings.length(), settings.vocabulary(), true, settings.vocabulary());
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public void sample(SequenceBatch batch, RandomGenerator random) {
    final int steps = shape.steps(), v = settings.vocabulary();
    for (int b = 0; b < batch.batchSize(); b++) {
      int next = random.nextInt(v);
      for (int t = 0; t < steps; t++) {
        int symbol = next;
        next = random.nextInt(v);
        batch.setSymbol(t, b, symbol);
        batch.setTarget(t, b, next);
        batch.setScored(t, b, true);
      }
    }
  }

  /** T·ln V: the loss of the uniform prediction, which is the best possible here. */
  /** Guessing one of the V symbols: 1/V. */
  @Override
  public double chanceAccuracy() {
    return 1.0 / settings.vocabulary();
  }

  @Override
  public double baselineLoss() {
    return settings.length() * Math.log(settings.vocabulary());
  }

  @Override
  public Task withLength(int steps) {
    return new RandomSequenceTask(new Settings(steps, settings.vocabulary()));
  }
}
