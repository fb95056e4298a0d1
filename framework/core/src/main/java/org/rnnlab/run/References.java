package org.rnnlab.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.spi.Task;

/** The levels worth a reference line on a run's charts, from what its task says of itself. */
final class References {
  private References() {}

  /** "accuracy": the task's chance accuracy; "loss": its no-memory baseline per sequence; where known. */
  static Map<String, Double> of(Task task) {
    Map<String, Double> levels = new LinkedHashMap<>();
    if (Double.isFinite(task.chanceAccuracy())) {
      levels.put("accuracy", task.chanceAccuracy());
    }
    if (Double.isFinite(task.baselineLoss())) {
      levels.put("loss", task.baselineLoss());
    }
    return levels;
  }
}
