package org.rnnlab.experiment;

import java.io.IOException;

/** Draws {@link LineChart}s into the run directory. */
public interface ChartWriter {

  /**
   * Writes {@code chart} to {@code fileName} in the run directory, atomically (a chart on disk is
   * always whole): PNG for {@code .png}, SVG for {@code .svg}. The run's name is added to the
   * title. A chart without a drawable point is not written.
   *
   * @return true when the file was written
   */
  boolean write(String fileName, LineChart chart) throws IOException;
}
