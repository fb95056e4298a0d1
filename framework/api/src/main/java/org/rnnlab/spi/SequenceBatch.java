package org.rnnlab.spi;

import java.util.Arrays;
import org.rnnlab.math.MatrixView;

/**
 * A mini-batch of B sequences of T steps, as a {@link org.rnnlab.spi.Task} fills it and a network
 * reads it. Allocated once for a shape and batch size, refilled every step.
 *
 * <p>Inputs are either symbols (one-hot vectors stored as their index, so the input product
 * gathers a column of W instead of multiplying by a mostly-zero matrix) or dense values
 * ({@code T × X × B}). Targets are class indices with {@link #NO_TARGET} at positions without a
 * loss, or, for tasks with real-valued targets, vectors of K values ({@code T × K × B}) at the
 * positions marked as having one. Positions marked {@linkplain #isScored scored} are the ones
 * accuracy counts.
 *
 * <p>Index conventions: position (t, b) is {@code t * B + b}; a step's inputs and outputs are
 * {@code rows × B} matrices whose column b belongs to sequence b.
 */
public final class SequenceBatch implements StepInputs {
  /** The target of a position whose output has no loss. */
  public static final int NO_TARGET = -1;

  private final TaskShape shape;
  private final int batchSize;
  private final int[] inputSymbols;
  private final double[] inputValues;
  private final int[] targets;
  private final double[] targetValues;
  private final boolean[] scored;

  public SequenceBatch(TaskShape shape, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be ≥ 1, is " + batchSize);
    }
    this.shape = shape;
    this.batchSize = batchSize;
    int positions = shape.steps() * batchSize;
    this.inputSymbols = shape.symbolInputs() ? new int[positions] : null;
    this.inputValues = shape.symbolInputs() ? null : new double[positions * shape.inputSize()];
    this.targets = new int[positions];
    this.targetValues = shape.classTargets() ? null : new double[positions * shape.outputSize()];
    this.scored = new boolean[positions];
    clear();
  }

  public TaskShape shape() {
    return shape;
  }

  /** T. */
  public int steps() {
    return shape.steps();
  }

  /** B. */
  public int batchSize() {
    return batchSize;
  }

  /** Clears targets to none, scores to false and inputs to 0. */
  public void clear() {
    if (inputSymbols != null) {
      Arrays.fill(inputSymbols, 0);
    } else {
      Arrays.fill(inputValues, 0);
    }
    Arrays.fill(targets, NO_TARGET);
    if (targetValues != null) {
      Arrays.fill(targetValues, 0);
    }
    Arrays.fill(scored, false);
  }

  /**
   * Makes this batch columns {@code first} … {@code first + B − 1} of {@code source} (a batch of the
   * same shape and at least as many columns): inputs, targets and scored marks. The slices of a
   * batch that threads run side by side ({@link org.rnnlab.nn.BatchSlices}).
   */
  public void copyColumns(SequenceBatch source, int first) {
    if (!source.shape.equals(shape) || first < 0 || first + batchSize > source.batchSize) {
      throw new IllegalArgumentException("columns " + first + " … " + (first + batchSize - 1) + " of a batch of "
          + source.batchSize + " sequences of " + source.shape + " into one of " + shape);
    }
    int steps = shape.steps(), n = batchSize, m = source.batchSize;
    for (int t = 0; t < steps; t++) {
      if (inputSymbols != null) {
        System.arraycopy(source.inputSymbols, t * m + first, inputSymbols, t * n, n);
      }
      System.arraycopy(source.targets, t * m + first, targets, t * n, n);
      System.arraycopy(source.scored, t * m + first, scored, t * n, n);
    }
    copyRows(source.inputValues, inputValues, shape.inputSize(), steps, m, first);
    copyRows(source.targetValues, targetValues, shape.outputSize(), steps, m, first);
  }

  /** Columns first … first + B − 1 of every row of a T×rows×(source width) array into a T×rows×B one. */
  private void copyRows(double[] from, double[] to, int rows, int steps, int sourceWidth, int first) {
    if (from == null) {
      return;
    }
    for (int r = 0; r < steps * rows; r++) {
      System.arraycopy(from, r * sourceWidth + first, to, r * batchSize, batchSize);
    }
  }

  public void setSymbol(int t, int b, int symbol) {
    if (symbol < 0 || symbol >= shape.inputSize()) {
      throw new IllegalArgumentException("symbol " + symbol + " outside 0.." + (shape.inputSize() - 1));
    }
    inputSymbols[t * batchSize + b] = symbol;
  }

  public int symbol(int t, int b) {
    return inputSymbols[t * batchSize + b];
  }

  /** The dense inputs of step t, X×B (modifiable: tasks write into it). */
  public MatrixView inputValues(int t) {
    if (inputValues == null) {
      throw new IllegalStateException("this batch has symbol inputs");
    }
    int x = shape.inputSize();
    return new MatrixView(inputValues, t * x * batchSize, x, batchSize);
  }

  /** Sets the target class of (t, b), or {@link #NO_TARGET}. For tasks with class targets. */
  public void setTarget(int t, int b, int target) {
    if (targetValues != null) {
      throw new IllegalStateException("this batch has real-valued targets");
    }
    if (target != NO_TARGET && (target < 0 || target >= shape.outputSize())) {
      throw new IllegalArgumentException("target " + target + " outside 0.." + (shape.outputSize() - 1));
    }
    targets[t * batchSize + b] = target;
  }

  /** The target class of (t, b), or {@link #NO_TARGET}. For tasks with class targets. */
  public int target(int t, int b) {
    return targets[t * batchSize + b];
  }

  /**
   * Sets output k of the real-valued target of (t, b) and marks the position as having a target.
   * For tasks with real-valued targets.
   */
  public void setTargetValue(int t, int b, int k, double value) {
    if (targetValues == null) {
      throw new IllegalStateException("this batch has class targets");
    }
    targetValues[(t * shape.outputSize() + k) * batchSize + b] = value;
    targets[t * batchSize + b] = 0;
  }

  /** Output k of the real-valued target of (t, b). */
  public double targetValue(int t, int b, int k) {
    return targetValues[(t * shape.outputSize() + k) * batchSize + b];
  }

  /** True when position (t, b) has a target (class or values) and so a loss. */
  public boolean hasTarget(int t, int b) {
    return targets[t * batchSize + b] != NO_TARGET;
  }

  /** Marks (t, b) as counted (or not) by accuracy. */
  public void setScored(int t, int b, boolean value) {
    scored[t * batchSize + b] = value;
  }

  public boolean isScored(int t, int b) {
    return scored[t * batchSize + b];
  }

  @Override
  public int size() {
    return shape.inputSize();
  }

  /**
   * out += W · x_t. W: H×X (not modified), out: H×B (modified). Symbol inputs gather column
   * {@code x_t[b]} of W into column b of out.
   */
  @Override
  public void addProduct(int t, MatrixView w, MatrixView out) {
    checkInputShapes(w, out);
    if (inputSymbols == null) {
      org.rnnlab.math.Dense.multAdd(w, inputValues(t), out);
      return;
    }
    final int rows = w.rows, x = w.cols, from = t * batchSize, n = batchSize;
    final double[] wd = w.data, od = out.data;
    final int[] symbols = inputSymbols;
    if (n == 1) { // one column of W, without an inner loop of length 1
      for (int i = 0, wAt = w.offset + symbols[from], outAt = out.offset; i < rows; i++, wAt += x) {
        od[outAt + i] += wd[wAt];
      }
      return;
    }
    for (int i = 0; i < rows; i++) {
      final int wRow = w.offset + i * x, outRow = out.offset + i * n;
      for (int b = 0; b < n; b++) {
        od[outRow + b] += wd[wRow + symbols[from + b]];
      }
    }
  }

  /**
   * dW += δ · x_tᵀ, the gradient of {@link #addProduct}. δ: H×B (not modified), dW: H×X
   * (modified). Symbol inputs scatter column b of δ into column {@code x_t[b]} of dW.
   */
  @Override
  public void addWeightGradient(int t, MatrixView delta, MatrixView dw) {
    checkInputShapes(dw, delta);
    if (inputSymbols == null) {
      org.rnnlab.math.Dense.multAddTransB(delta, inputValues(t), dw);
      return;
    }
    final int rows = dw.rows, x = dw.cols, from = t * batchSize, n = batchSize;
    final double[] gd = dw.data, dd = delta.data;
    final int[] symbols = inputSymbols;
    if (n == 1) { // into one column of dW
      for (int i = 0, dwAt = dw.offset + symbols[from], deltaAt = delta.offset; i < rows; i++, dwAt += x) {
        gd[dwAt] += dd[deltaAt + i];
      }
      return;
    }
    for (int i = 0; i < rows; i++) {
      final int dwRow = dw.offset + i * x, deltaRow = delta.offset + i * n;
      for (int b = 0; b < n; b++) {
        gd[dwRow + symbols[from + b]] += dd[deltaRow + b];
      }
    }
  }

  /** The data have no gradient: nothing to do. */
  @Override
  public void addInputGradient(int t, MatrixView w, MatrixView delta) {}

  private void checkInputShapes(MatrixView w, MatrixView out) {
    if (w.cols != shape.inputSize() || out.cols != batchSize || out.rows != w.rows) {
      throw new IllegalArgumentException(
          "input product: W " + w.rows + "×" + w.cols + ", out " + out.rows + "×" + out.cols
              + " for inputs of size " + shape.inputSize() + " and batch " + batchSize);
    }
  }
}
