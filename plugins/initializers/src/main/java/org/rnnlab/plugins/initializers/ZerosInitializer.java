package org.rnnlab.plugins.initializers;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Initializer;

/** All weights zero (a baseline: a network started this way learns nothing through the zero weights' symmetry). */
public final class ZerosInitializer implements Initializer {

  /** {@code zeros} has no settings. */
  public record Settings() {}

  public ZerosInitializer(Settings settings) {}

  @Override
  public void initialize(MatrixView weights, RandomGenerator random) {
    weights.fill(0);
  }
}
