package org.rnnlab.spi;

/**
 * What a {@link Task}'s sequences look like.
 *
 * @param steps T, the number of time steps of every sequence
 * @param inputSize X, the number of symbols (one-hot inputs) or input channels (dense inputs)
 * @param symbolInputs true when each input is one symbol out of {@code inputSize}
 * @param outputSize K, the number of target classes
 */
public record TaskShape(int steps, int inputSize, boolean symbolInputs, int outputSize) {
  public TaskShape {
    if (steps < 1 || inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException("bad task shape " + steps + ", " + inputSize + ", " + outputSize);
    }
  }
}
