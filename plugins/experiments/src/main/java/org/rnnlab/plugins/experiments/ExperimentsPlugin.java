package org.rnnlab.plugins.experiments;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Experiment;

/** Experiments: the procedures a run executes. */
public final class ExperimentsPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Experiment.class, "train", "mini-batch training with BPTT, clipping and periodic test-set scoring",
        TrainExperiment.Settings.class, TrainExperiment::new);
  }
}
