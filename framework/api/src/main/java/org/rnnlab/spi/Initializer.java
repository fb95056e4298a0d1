package org.rnnlab.spi;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;

/**
 * Fills a weight matrix before training. Chosen by {@code network.init} (input and readout
 * weights) and {@code network.recurrent_init} (hidden-to-hidden weights); biases start at their
 * {@link ParameterSpec#biasValue()}.
 */
public interface Initializer {

  /**
   * Overwrites every element of {@code weights} (rows = fan-out, cols = fan-in; modified), drawing
   * only from {@code random} so that a seed reproduces it.
   */
  void initialize(MatrixView weights, RandomGenerator random);
}
