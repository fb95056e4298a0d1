package org.rnnlab.plugins.clippers;

import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Parameters;

/**
 * Gradient norm clipping (Pascanu, Mikolov &amp; Bengio 2013): when the L2 norm ‖g‖ exceeds
 * {@code max_norm}, g ← g · max_norm / ‖g‖, so the direction is kept and the norm becomes exactly
 * the threshold; below it, g is untouched.
 *
 * <p>{@code scope: global} takes one norm over all parameters (as PyTorch's {@code
 * clip_grad_norm_}); {@code scope: layer} clips each layer (each recurrent layer, the readout) by its own norm
 * (DL4J's {@code ClipL2PerLayer}, and the original numpy design).
 *
 * <p>The exact rule: the factor is max_norm / ‖g‖ when ‖g‖ &gt; max_norm, and nothing changes
 * otherwise. PyTorch's {@code clip_grad_norm_} multiplies by max_norm / (‖g‖ + 1e-6) (clamped to
 * 1), so its clipped norm is a hair below the threshold and it rescales (by less than 1e-6
 * relative) gradients just under it; the two agree to about 1e-6 relative, not bit for bit.
 */
public final class NormClipper implements Clipper {

  /** Which gradients share one norm. */
  public enum Scope {
    GLOBAL,
    LAYER
  }

  /** Settings of {@code norm}. */
  public record Settings(
      @Setting(value = "largest allowed L2 norm of the gradient", defaultValue = "1.0", min = 0, exclusiveMin = true)
      double maxNorm,
      @Setting(value = "global: one norm over all parameters; layer: one per layer (each recurrent layer, the readout)",
          defaultValue = "global")
      Scope scope) {}

  private final Settings settings;

  public NormClipper(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void clip(Parameters gradients) {
    if (settings.scope() == Scope.GLOBAL) {
      double norm = gradients.norm();
      if (norm > settings.maxNorm()) {
        gradients.scale(settings.maxNorm() / norm);
      }
      return;
    }
    for (String layer : gradients.layout().layers()) {
      double norm = gradients.norm(layer);
      if (norm > settings.maxNorm()) {
        gradients.scale(layer, settings.maxNorm() / norm);
      }
    }
  }
}
