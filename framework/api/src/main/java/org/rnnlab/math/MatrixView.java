package org.rnnlab.math;

/**
 * A row-major {@code rows × cols} window onto a slice of a {@code double[]}: element (i, j) is
 * {@code data[offset + i * cols + j]}.
 *
 * <p>All parameters of a network live in one flat array and every weight matrix is a view of its
 * slice, so global operations (norms, optimizer updates, checkpoints) are single loops while the
 * math reads like matrix algebra. EJML's {@code DMatrixRMaj} cannot start at an offset, which is
 * why the framework has its own view; {@link Dense} holds the products over it, and the tests
 * check them against EJML.
 */
public final class MatrixView {
  /** The backing array, shared with other views. */
  public final double[] data;
  /** Index of element (0, 0) in {@link #data}. */
  public final int offset;
  public final int rows;
  public final int cols;

  public MatrixView(double[] data, int offset, int rows, int cols) {
    if (rows < 0 || cols < 0 || offset < 0 || (long) offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException(
          "view " + rows + "×" + cols + " at " + offset + " does not fit an array of " + data.length);
    }
    this.data = data;
    this.offset = offset;
    this.rows = rows;
    this.cols = cols;
  }

  /** A view over a new zero-filled array. */
  public static MatrixView zeros(int rows, int cols) {
    return new MatrixView(new double[rows * cols], 0, rows, cols);
  }

  /**
   * {@code count} views of {@code rows × cols} over one new zero-filled array, one after the other
   * (e.g. a cell's state at every time step).
   */
  public static MatrixView[] stack(int count, int rows, int cols) {
    double[] data = new double[count * rows * cols];
    MatrixView[] views = new MatrixView[count];
    for (int i = 0; i < count; i++) {
      views[i] = new MatrixView(data, i * rows * cols, rows, cols);
    }
    return views;
  }

  public int size() {
    return rows * cols;
  }

  public int index(int row, int col) {
    return offset + row * cols + col;
  }

  public double get(int row, int col) {
    return data[index(row, col)];
  }

  public void set(int row, int col, double value) {
    data[index(row, col)] = value;
  }

  /** Sets every element to {@code value}. Modifies this view. */
  public void fill(double value) {
    java.util.Arrays.fill(data, offset, offset + size(), value);
  }

  /** Copies {@code source} (same shape, not modified) into this view. */
  public void copyFrom(MatrixView source) {
    requireSameShape(source);
    System.arraycopy(source.data, source.offset, data, offset, size());
  }

  public void requireSameShape(MatrixView other) {
    if (other.rows != rows || other.cols != cols) {
      throw new IllegalArgumentException(
          "shape " + other.rows + "×" + other.cols + " does not match " + rows + "×" + cols);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder().append(rows).append('×').append(cols).append(" [");
    for (int i = 0; i < rows; i++) {
      s.append(i == 0 ? "[" : ", [");
      for (int j = 0; j < cols; j++) {
        s.append(j == 0 ? "" : ", ").append(get(i, j));
      }
      s.append(']');
    }
    return s.append(']').toString();
  }
}
