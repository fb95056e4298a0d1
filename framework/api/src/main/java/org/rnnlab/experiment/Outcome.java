package org.rnnlab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an experiment ended.
 *
 * @param status completed, diverged, failed or interrupted
 * @param message one line for the user (e.g. why it failed), or empty
 * @param results named results for {@code summary.yaml} (final and best metrics, …): numbers,
 *     strings, booleans, or maps and lists of those
 */
public record Outcome(RunStatus status, String message, Map<String, Object> results) {
  public Outcome {
    if (status == RunStatus.RUNNING) {
      throw new IllegalArgumentException("an outcome is final; running is not");
    }
    results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }
}
