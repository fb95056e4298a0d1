package org.rnnlab.plugins.optimizers;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Optimizer;

/** Optimizers. */
public final class OptimizersPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Optimizer.class, "sgd", "stochastic gradient descent, optionally with momentum v ← μ v − η g, which"
        + " keeps η in the velocity (PyTorch keeps it out: the same until η decays)",
        Sgd.Settings.class, Sgd::new);
    register(Optimizer.class, "adam", "Adam with bias correction (Kingma & Ba 2015)", Adam.Settings.class, Adam::new);
  }
}
