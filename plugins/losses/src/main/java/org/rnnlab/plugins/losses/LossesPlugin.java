package org.rnnlab.plugins.losses;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Loss;

/** Losses. */
public final class LossesPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Loss.class, "softmax-cross-entropy", "softmax over the outputs, −log p(target); summed over steps with a target",
        SoftmaxCrossEntropy.Settings.class, SoftmaxCrossEntropy::new);
    register(Loss.class, "mse", "squared error Σ_k (z_k − y_k)² against real-valued targets, per position with one",
        MeanSquaredError.Settings.class, MeanSquaredError::new);
  }
}
