package org.rnnlab.plugins.clippers;

import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Parameters;

/**
 * Element-wise clipping: every gradient entry clamped to [−max_value, max_value] (Mikolov 2012).
 * Unlike norm clipping it changes the gradient's direction.
 */
public final class ValueClipper implements Clipper {

  /** Settings of {@code value}. */
  public record Settings(
      @Setting(value = "largest allowed absolute value of any gradient entry", defaultValue = "1.0", min = 0,
          exclusiveMin = true)
      double maxValue) {}

  private final double maxValue;

  public ValueClipper(Settings settings) {
    this.maxValue = settings.maxValue();
  }

  @Override
  public void clip(Parameters gradients) {
    double[] g = gradients.values();
    for (int i = 0; i < g.length; i++) {
      g[i] = Math.max(-maxValue, Math.min(maxValue, g[i]));
    }
  }
}
