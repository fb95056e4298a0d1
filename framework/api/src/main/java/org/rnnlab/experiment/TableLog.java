package org.rnnlab.experiment;

import java.io.IOException;
import java.util.List;

/** A CSV table an experiment appends rows to (see {@link RunIO#openTable}). */
public interface TableLog {

  /**
   * Appends one row, one field per column: numbers (written in full precision, NaN as an empty
   * field), strings or booleans. The row is on disk, whole, when this returns.
   */
  void append(List<?> fields) throws IOException;
}
