package org.rnnlab.plugins.clippers;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Clipper;

/** Gradient clippers. */
public final class ClippersPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Clipper.class, "none", "no clipping", NoClipper.Settings.class, NoClipper::new);
    register(Clipper.class, "norm", "when the L2 norm ‖g‖ exceeds max_norm, g ← g · max_norm / ‖g‖, globally or per"
        + " layer (Pascanu et al. 2013); PyTorch's clip_grad_norm_ uses max_norm / (‖g‖ + 1e-6)",
        NormClipper.Settings.class, NormClipper::new);
    register(Clipper.class, "value", "clamp every entry to [−max_value, max_value]",
        ValueClipper.Settings.class, ValueClipper::new);
  }
}
