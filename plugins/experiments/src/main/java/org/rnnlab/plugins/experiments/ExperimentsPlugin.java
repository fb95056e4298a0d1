package org.rnnlab.plugins.experiments;

import org.rnnlab.experiment.Experiment;
import org.rnnlab.plugin.PluginModule;

/** Experiments: the procedures a run executes. */
public final class ExperimentsPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Experiment.class, "train", "mini-batch training with BPTT, clipping and periodic test-set scoring",
        TrainExperiment.Settings.class, TrainExperiment::new);
    register(Experiment.class, "gradcheck", "BPTT against central finite differences, entry by entry; fails when"
        + " any entry is out of bounds", GradientCheckExperiment.Settings.class, GradientCheckExperiment::new);
    register(Experiment.class, "gradient-growth", "gradient norm vs sequence length 1 … max_length, before and"
        + " after clipping, log-log chart", GradientGrowthExperiment.Settings.class, GradientGrowthExperiment::new);
  }
}
