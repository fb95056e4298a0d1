package org.rnnlab.spi;

/**
 * One named parameter matrix a {@link Cell} asks for, and how it is initialized.
 *
 * @param name unique within the network, e.g. {@code "W"}, {@code "U_f"}; {@code "V"} and {@code
 *     "c"} belong to the readout
 * @param rows number of rows (the fan-out of a weight matrix)
 * @param cols number of columns (the fan-in of a weight matrix); 1 for a bias
 * @param kind decides which initializer fills it
 * @param biasValue the constant a {@link Kind#BIAS} starts at (e.g. 1 for an LSTM forget gate)
 */
public record ParameterSpec(String name, int rows, int cols, Kind kind, double biasValue) {

  /** Which initializer fills a matrix. */
  public enum Kind {
    /** Input-to-hidden (and hidden-to-output) weights: {@code network.init}. */
    INPUT_WEIGHTS,
    /** Hidden-to-hidden weights: {@code network.recurrent_init}. */
    RECURRENT_WEIGHTS,
    /** A column vector set to {@link #biasValue()}. */
    BIAS,
    /**
     * Set by the cell itself in {@link Cell#initialize} (e.g. the generator of an orthogonal
     * recurrence); zero until then.
     */
    CELL
  }

  public ParameterSpec {
    if (name == null || name.isEmpty() || rows < 1 || cols < 1) {
      throw new IllegalArgumentException("bad parameter spec " + name + " " + rows + "×" + cols);
    }
    if (kind == Kind.BIAS && cols != 1) {
      throw new IllegalArgumentException("bias " + name + " must be a column, is " + rows + "×" + cols);
    }
  }

  public static ParameterSpec inputWeights(String name, int rows, int cols) {
    return new ParameterSpec(name, rows, cols, Kind.INPUT_WEIGHTS, 0);
  }

  public static ParameterSpec recurrentWeights(String name, int rows, int cols) {
    return new ParameterSpec(name, rows, cols, Kind.RECURRENT_WEIGHTS, 0);
  }

  public static ParameterSpec bias(String name, int rows, double value) {
    return new ParameterSpec(name, rows, 1, Kind.BIAS, value);
  }

  /** A matrix the cell fills in {@link Cell#initialize}. */
  public static ParameterSpec cellInitialized(String name, int rows, int cols) {
    return new ParameterSpec(name, rows, cols, Kind.CELL, 0);
  }
}
