package org.rnnlab.run;

import java.util.List;
import org.rnnlab.experiment.Experiment;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Task;
import org.rnnlab.store.Annotations;

/**
 * The top level of an experiment file. Defaults name the built-in plugins (as data: a missing
 * plugin is reported like any unknown name), so an empty mapping is the memorization task with the
 * basic RNN.
 */
public record RunConfig(
    @Setting(value = "names the run directory (letters, digits, '.', '_', '-'); when absent, the config file's name",
        defaultValue = "experiment")
    String name,
    @Setting(value = "the one seed behind every random number: data and initialization", defaultValue = "1", min = 0)
    long seed,
    @Setting(value = "the procedure to run on the components below", defaultValue = "train")
    Configured<Experiment> experiment,
    @Setting(value = "the data: sequences, targets and which positions are scored", defaultValue = "memory")
    Configured<Task> task,
    @Setting(value = "the network: a recurrent cell and a linear readout", defaultValue = "{}")
    NetworkSettings network,
    @Setting(value = "the loss of each time step's outputs", defaultValue = "softmax-cross-entropy")
    Configured<Loss> loss,
    @Setting(value = "gradient clipping applied after BPTT", defaultValue = "norm")
    Configured<Clipper> clipper,
    @Setting(value = "how gradients update the parameters", defaultValue = "adam")
    Configured<Optimizer> optimizer,
    @Setting(value = "what shows the metric rows besides metrics.csv, which is always written", defaultValue = "[console, chart]")
    List<Configured<MetricSink>> sinks,
    @Setting(value = "threads of the run: a batch of more than 16 sequences runs in slices of at most 16 side by side,"
        + " a smaller one splits its large products (0: every core; a sweep's points that run at once: 1 each); the"
        + " numbers are the same for any count", defaultValue = "0", min = 0, max = 1024)
    int threads,
    @Setting(value = "words to find the run by (letters, digits, '.', '_', '-'); ./run tag changes them later",
        defaultValue = "[]")
    List<String> tags,
    @Setting(value = "free text kept with the run; ./run note changes it later", defaultValue = "")
    String notes) {

  /** Longest run name; the directory adds a 20-character time stamp. */
  public static final int MAX_NAME_LENGTH = 100;

  public RunConfig {
    if (name.endsWith("_sweep")) {
      throw new InvalidSetting("name", "names ending in '_sweep' are kept for sweep directories; got '" + name + "'");
    }
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*") || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidSetting("name", "expected 1.." + MAX_NAME_LENGTH
          + " letters, digits, '.', '_' or '-', not starting with '.' or '-' (it names a directory in runs/); got '"
          + name + "'");
    }
    try {
      new Annotations(tags, notes);
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting(e.getMessage().startsWith("notes") ? "notes" : "tags", e.getMessage());
    }
  }
}
