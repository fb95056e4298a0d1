package org.rnnlab.plugins.tasks;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997), in the form of Le, Jaitly &amp; Hinton
 * (2015): two input channels over T steps, a value drawn from U[0, 1] and a marker that is 1 at
 * exactly two steps, one in the first half and one in the second; after the last step the network
 * must output the sum of the two marked values. A real-valued target, for {@code loss: mse}.
 *
 * <p>Predicting the constant 1 (the mean of the sum) gives a mean squared error of 1/6 ≈ 0.167,
 * the variance of the sum of two U[0, 1] values: the baseline a network with memory must beat.
 */
public final class AddingTask implements Task {

  /** Settings of {@code adding}. */
  public record Settings(
      @Setting(value = "T, the number of steps", defaultValue = "100", min = 2, max = 100_000)
      int length) {}

  private final TaskShape shape;

  public AddingTask(Settings settings) {
    this.shape = new TaskShape(settings.length(), 2, false, 1, false);
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public void sample(SequenceBatch batch, RandomGenerator random) {
    final int steps = shape.steps(), half = steps / 2, last = steps - 1;
    batch.clear();
    for (int b = 0; b < batch.batchSize(); b++) {
      int first = random.nextInt(half);
      int second = half + random.nextInt(steps - half);
      double sum = 0;
      for (int t = 0; t < steps; t++) {
        MatrixView x = batch.inputValues(t);
        double value = random.nextDouble();
        x.set(0, b, value);
        if (t == first || t == second) {
          x.set(1, b, 1);
          sum += value;
        }
      }
      batch.setTargetValue(last, b, 0, sum);
      batch.setScored(last, b, true);
    }
  }

  /** 1/6: the mean squared error of always answering 1. */
  @Override
  public double baselineLoss() {
    return 1.0 / 6;
  }

  @Override
  public Task withLength(int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("the adding task needs at least 2 steps, not " + steps);
    }
    return new AddingTask(new Settings(steps));
  }
}
