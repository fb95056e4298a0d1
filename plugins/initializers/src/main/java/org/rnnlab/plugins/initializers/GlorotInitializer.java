package org.rnnlab.plugins.initializers;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Initializer;

/**
 * Glorot (Xavier) uniform initialization (Glorot &amp; Bengio 2010): every weight drawn from
 * U[−s, s] with s = gain · √(6 / (fan_in + fan_out)), where fan_in is the number of columns and
 * fan_out the number of rows. Keeps the variance of activations and of gradients roughly constant
 * from layer to layer.
 */
public final class GlorotInitializer implements Initializer {

  /** Settings of {@code glorot}. */
  public record Settings(
      @Setting(value = "multiplies the bound √(6/(fan_in+fan_out)); > 1 makes larger weights", defaultValue = "1.0",
          min = 0, exclusiveMin = true, max = 1000)
      double gain) {}

  private final double gain;

  public GlorotInitializer(Settings settings) {
    this.gain = settings.gain();
  }

  @Override
  public void initialize(MatrixView weights, RandomGenerator random) {
    double bound = gain * Math.sqrt(6.0 / (weights.rows + weights.cols));
    for (int i = 0; i < weights.rows; i++) {
      for (int j = 0; j < weights.cols; j++) {
        weights.set(i, j, bound * (2 * random.nextDouble() - 1));
      }
    }
  }
}
