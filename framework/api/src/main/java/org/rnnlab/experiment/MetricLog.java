package org.rnnlab.experiment;

import java.io.IOException;

/** Where an experiment appends its metric rows; the runner fans them out to every sink. */
public interface MetricLog {

  /** Appends a row (columns as opened); every persisting sink has it on disk when this returns. */
  void append(MetricRow row) throws IOException;
}
