package org.rnnlab.spi;

/**
 * What a {@link Task}'s sequences look like.
 *
 * @param steps T, the number of time steps of every sequence
 * @param inputSize X, the number of symbols (one-hot inputs) or input channels (dense inputs)
 * @param symbolInputs true when each input is one symbol out of {@code inputSize}
 * @param outputSize K: the number of target classes, or of real-valued outputs
 * @param classTargets true when a target is a class index (e.g. for softmax cross-entropy); false
 *     when it is a vector of {@code outputSize} real values (e.g. for mean squared error)
 */
public record TaskShape(int steps, int inputSize, boolean symbolInputs, int outputSize, boolean classTargets) {
  public TaskShape {
    if (steps < 1 || inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException("bad task shape " + steps + ", " + inputSize + ", " + outputSize);
    }
  }

  /** A shape with class targets. */
  public TaskShape(int steps, int inputSize, boolean symbolInputs, int outputSize) {
    this(steps, inputSize, symbolInputs, outputSize, true);
  }

  /** The same shape with {@code steps} steps. */
  public TaskShape withSteps(int steps) {
    return new TaskShape(steps, inputSize, symbolInputs, outputSize, classTargets);
  }

  /** Whether {@code other} is this shape but for its steps (without making a shape: called every step). */
  public boolean sameButSteps(TaskShape other) {
    return inputSize == other.inputSize && symbolInputs == other.symbolInputs && outputSize == other.outputSize
        && classTargets == other.classTargets;
  }

  /** "class targets" or "real-valued targets", for messages. */
  public String describeTargets() {
    return classTargets ? "class targets" : "real-valued targets";
  }
}
