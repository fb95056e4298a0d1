package org.rnnlab.app;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rnnlab.config.ConfigException;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.run.ConfigLoader;

/**
 * With the real plugins: any document made of the keys rnnlab knows, with any values, and any
 * override, loads and validates or is a ConfigException; never another exception.
 */
class ConfigPropertiesTest {
  private static final ConfigLoader RUNNER = Guice.createInjector(Plugins.discover(ConfigPropertiesTest.class
      .getClassLoader()).guiceModules()).getInstance(ConfigLoader.class);

  @Property(tries = 1500)
  void anyDocumentOfKnownKeysLoadsOrIsAConfigError(@ForAll("documents") String yaml, @ForAll("overrides") String override)
      throws IOException {
    Path file = Files.createTempFile("property", ".yaml");
    try {
      Files.writeString(file, yaml);
      RUNNER.load(file, "p.yaml", override.isEmpty() ? List.of() : List.of(override));
    } catch (ConfigException expected) {
      // the one allowed failure
    } finally {
      Files.delete(file);
    }
  }

  private static final List<String> KEYS = List.of("name", "seed", "experiment", "task", "network", "loss", "clipper",
      "optimizer", "sinks", "hidden", "cell", "init", "recurrent_init", "precision", "type", "steps", "batch_size", "log_every",
      "eval_every", "eval_sequences", "checkpoint_every", "stop_at_test_accuracy", "stop_at_test_loss_ratio",
      "max_minutes", "chrono", "groups", "matrices", "factor", "on_nonfinite", "remember",
      "symbols", "delay", "length", "vocabulary", "activation", "forget_bias", "reset_gate", "gain", "scale",
      "max_norm", "max_value", "scope", "learning_rate", "momentum", "schedule", "decay", "final_learning_rate",
      "beta1", "beta2", "epsilon", "show", "charts", "log_y", "width", "height", "redraw_seconds", "entries", "delta",
      "max_relative_error", "max_absolute_error", "cells", "tasks", "max_length", "stride", "pretrain_steps",
      "pretrain_length", "mistake");

  private static final List<String> VALUES = List.of("1", "0", "-1", "2", "50", "4097", "0.5", "1e-3", "1e309", ".nan",
      "-.inf", "true", "x", "''", "~", "[]", "{}", "[1, 2]", "rnn", "lstm", "gru", "memory", "copy", "adding",
      "random-sequence", "exprnn", "henaff", "cayley", "train", "gradcheck", "gradient-growth", "adam", "sgd", "norm", "value", "none", "glorot",
      "orthogonal", "identity", "zeros", "mse", "softmax-cross-entropy", "csv", "console", "chart", "[console, chart]",
      "tanh", "relu", "float32", "float64", "global", "layer", "cosine", "linear", "skip", "stop", "after", "before", "{type: lstm}",
      "{type: copy, delay: 1}", "{type: adding, length: 2}", "[{type: rnn}, gru]", "[10, 20]", "!!java.io.File /x",
      "&a [*a]", "9999999999999");

  /** Nested mappings of known keys, two levels deep, with values from VALUES. */
  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> value = Arbitraries.of(VALUES);
    Arbitrary<String> inner = Arbitraries.maps(key, value).ofMaxSize(4).map(m -> {
      StringBuilder s = new StringBuilder("{");
      m.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append(": ").append(v));
      return s.append('}').toString();
    });
    Arbitrary<String> entry = Arbitraries.oneOf(value, inner);
    return Arbitraries.maps(key, entry).ofMaxSize(8).map(m -> {
      StringBuilder s = new StringBuilder();
      m.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
      return s.length() == 0 ? "seed: 1\n" : s.toString();
    });
  }

  @Provide
  Arbitrary<String> overrides() {
    Arbitrary<String> path = Arbitraries.of(KEYS).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
    return Arbitraries.oneOf(Arbitraries.just(""), path.flatMap(p -> Arbitraries.of(VALUES).map(v -> p + "=" + v)),
        Arbitraries.strings().ofMaxLength(16));
  }
}
