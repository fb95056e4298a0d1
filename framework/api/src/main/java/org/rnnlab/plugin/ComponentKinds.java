package org.rnnlab.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.experiment.Experiment;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Task;

/** The component kinds of the SPI, with the names messages and {@code ./run plugins} use. */
public final class ComponentKinds {
  private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(Experiment.class, "experiment");
    NAMES.put(Task.class, "task");
    NAMES.put(Cell.class, "cell");
    NAMES.put(Initializer.class, "initializer");
    NAMES.put(Loss.class, "loss");
    NAMES.put(Clipper.class, "clipper");
    NAMES.put(Optimizer.class, "optimizer");
    NAMES.put(MetricSink.class, "sink");
  }

  private ComponentKinds() {}

  /** Every kind, in the order documentation lists them. */
  public static List<Class<?>> all() {
    return List.copyOf(NAMES.keySet());
  }

  /** "cells", "losses", … */
  public static String pluralName(Class<?> kind) {
    String name = displayName(kind);
    return name.endsWith("s") ? name + "es" : name + "s";
  }

  public static String displayName(Class<?> kind) {
    String name = NAMES.get(kind);
    if (name == null) {
      throw new IllegalArgumentException(kind + " is not a component kind");
    }
    return name;
  }
}
