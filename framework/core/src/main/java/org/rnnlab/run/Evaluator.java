package org.rnnlab.run;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.KeyNames;
import org.rnnlab.config.Origin;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.experiment.Checkpoint;
import org.rnnlab.experiment.Estimate;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Workers;
import org.rnnlab.nn.MemoryEstimate;
import org.rnnlab.nn.Network;
import org.rnnlab.nn.StreamScore;
import org.rnnlab.nn.TestSet;
import org.rnnlab.spi.StreamTask;
import org.rnnlab.spi.Task;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.CheckpointFile;
import org.rnnlab.store.RunDirectory;
import org.rnnlab.store.RunFiles;

/**
 * Scores the network a training run saved on fresh test sequences, with the run's config changed
 * by overrides (e.g. another sequence length), and writes the result into the run directory as
 * {@code eval-<time>.yaml} (a new file every time, never one another evaluation wrote). A stream
 * task's network is scored on its whole validation data instead (the split, or another file
 * through an override such as {@code task.validation_file=…}), read as B streams the way training
 * validates.
 */
public final class Evaluator {
  private final ConfigLoader loader;

  @Inject
  Evaluator(ConfigLoader loader) {
    this.loader = loader;
  }

  /**
   * @return the results, also written to the file
   * @throws ConfigException when the directory, the checkpoint or the overrides do not fit
   */
  public Map<String, Object> evaluate(Path runDirectory, List<String> overrides, int sequences, boolean best)
      throws IOException {
    RunDirectory dir = RunDirectory.existing(runDirectory);
    Path checkpointFile = dir.resolve(best ? RunFiles.BEST_CHECKPOINT : RunFiles.CHECKPOINT);
    if (!Files.exists(checkpointFile)) {
      throw new ConfigException(Origin.of(runDirectory.toString()), "", best
          ? "no " + RunFiles.BEST_CHECKPOINT + ": only runs of a stream task that validated keep one"
          : "no saved network (" + RunFiles.CHECKPOINT + "): only training runs save one");
    }
    Checkpoint checkpoint = readSavedNetwork(checkpointFile, "evaluate");
    Path configFile = dir.resolve(RunFiles.CONFIG);
    LoadedConfig trained = loader.load(configFile, configFile.toString(), List.of());
    LoadedConfig loaded = loader.load(configFile, configFile.toString(), overrides);
    String changed = KeyNames.firstDifference(KeyNames.flatten(trained.resolved().get("network")),
        KeyNames.flatten(loaded.resolved().get("network")));
    if (changed != null) {
      String culprit = overrides.stream().filter(o -> o.startsWith("network")).findFirst().orElse("");
      throw new ConfigException(Origin.override(culprit), "network." + changed.substring(0, changed.indexOf(' ')),
          "the network must stay as it was trained (" + changed + "); overrides may change the task, e.g. its length");
    }
    RunConfig config = loaded.config();
    Task task = config.task().create();
    Network network = RunComponents.uninitializedNetwork(config, task.shape());
    double[] saved = checkpoint.array("parameters");
    double[] values = network.parameters().values();
    if (saved.length != values.length) {
      throw new ConfigException(Origin.of(runDirectory.toString()), "", "the saved network has " + saved.length
          + " parameters, the config with these overrides needs " + values.length
          + " (the cell, hidden size and vocabulary must stay as trained; the sequence length may change)");
    }
    System.arraycopy(saved, 0, values, 0, saved.length);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("run", dir.path().toString());
    results.put("checkpoint", checkpointFile.getFileName().toString());
    results.put("checkpoint_step", checkpoint.getLong("step"));
    results.put("overrides", overrides);
    if (task instanceof StreamTask stream) {
      if (Files.exists(dir.resolve(RunFiles.VOCABULARY))
          && !Sampler.readVocabulary(dir, Origin.of(runDirectory.toString())).symbols().equals(stream.vocabulary().symbols())) {
        throw new ConfigException(Origin.of(runDirectory.toString()), "task", "the task's characters differ from those"
            + " the network was trained on (" + RunFiles.VOCABULARY + "); to score another text keep task.file and set"
            + " task.validation_file");
      }
      int streams = streamsOf(loaded.resolved());
      MemoryCheck.check(new Estimate(MemoryEstimate.batch(task.shape(), streams) + Math.max(0, MemoryEstimate.unrolled(
          config.network().networkLayers(), task.shape(), 0, streams, task.shape().steps())), streams
          + " validation streams of " + task.shape().steps() + " steps", ""), 1, "experiment.batch_size " + streams);
      double[] score;
      try (Workers workers = new Workers(RunExecution.threads(config))) {
        score = new StreamScore(network, stream, streams, workers).score(config.loss().create(), () -> false);
      }
      results.put("data", task.provenance());
      results.put("streams", streams);
      results.put("val_loss", score[0]);
      results.put("val_bits_per_char", score[0] / Math.log(2));
      results.put("val_perplexity", Math.exp(score[0]));
      results.put("val_accuracy", score[1]);
    } else {
      long test = MemoryEstimate.batch(task.shape(), sequences) + Math.max(0, MemoryEstimate.unrolled(
          config.network().networkLayers(), task.shape(), 0, Math.min(sequences, TestSet.CHUNK), task.shape().steps()));
      MemoryCheck.check(new Estimate(test, sequences + " test sequences of " + task.shape().steps() + " steps", ""), 1,
          "--sequences " + sequences, "--sequences or the sequence length (task settings as overrides)");
      double[] score;
      try (Workers workers = new Workers(RunExecution.threads(config))) {
        score = new TestSet(network, task, sequences, SplitMix64.derive(config.seed(), "eval-data"), workers)
            .score(config.loss().create());
      }
      results.put("sequences", sequences);
      results.put("steps_per_sequence", task.shape().steps());
      results.put("test_loss", score[0]);
      results.put("test_accuracy", Double.isNaN(score[1]) ? null : score[1]);
      if (Double.isFinite(task.baselineLoss())) {
        results.put("baseline_loss", task.baselineLoss());
      }
    }
    Path file = dir.createUniqueFile("eval-" + RunDirectory.STAMP.format(LocalDateTime.now()), "yaml");
    AtomicFiles.writeString(file, YamlWriter.write(results));
    return results;
  }

  /**
   * A checkpoint that holds network parameters.
   *
   * @param verb what cannot be done otherwise ("evaluate", "sample")
   * @throws ConfigException when it cannot be read or holds none
   */
  static Checkpoint readSavedNetwork(Path checkpointFile, String verb) {
    Checkpoint checkpoint;
    try {
      checkpoint = CheckpointFile.read(checkpointFile);
    } catch (IOException e) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "cannot " + verb + ": " + e.getMessage());
    }
    if (!checkpoint.has("parameters")) {
      throw new ConfigException(Origin.of(checkpointFile.toString()), "", "the checkpoint holds no network parameters");
    }
    return checkpoint;
  }

  /**
   * The streams a stream task is validated as: the run's {@code experiment.batch_size}, so that the
   * score equals the val_loss training logged; 32 when the experiment has no such setting.
   */
  private static int streamsOf(Map<String, Object> resolved) {
    return resolved.get("experiment") instanceof Map<?, ?> e && e.get("batch_size") instanceof Integer b && b > 0 ? b
        : 32;
  }
}
