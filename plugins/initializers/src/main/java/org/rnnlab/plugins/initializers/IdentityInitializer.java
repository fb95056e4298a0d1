package org.rnnlab.plugins.initializers;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Initializer;

/**
 * scale · I: ones (times scale) on the leading diagonal, zeros elsewhere. As the recurrent matrix
 * of a relu RNN this is the IRNN of Le, Jaitly &amp; Hinton (2015): without input the state is
 * copied from step to step, so gradients neither vanish nor explode at the start.
 */
public final class IdentityInitializer implements Initializer {

  /** Settings of {@code identity}. */
  public record Settings(
      @Setting(value = "the value on the diagonal (Le et al. 2015 use 1; smaller values fit long tasks)",
          defaultValue = "1.0", min = 0, max = 1000)
      double scale) {}

  private final double scale;

  public IdentityInitializer(Settings settings) {
    this.scale = settings.scale();
  }

  @Override
  public void initialize(MatrixView weights, RandomGenerator random) {
    weights.fill(0);
    for (int i = 0; i < Math.min(weights.rows, weights.cols); i++) {
      weights.set(i, i, scale);
    }
  }
}
