package org.rnnlab.nn;

import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;

/**
 * A weight gradient summed over the steps of BPTT, G += Σ_t a_t b_tᵀ (a_t: M×B, b_t: N×B, G: M×N),
 * added a few hundred terms at a time in one matrix product rather than step by step: dU = Σ_t da_t
 * h_{t-1}ᵀ of a cell's {@link Affine}, the readout's dV = Σ_t dz_t h_tᵀ. Step by step, each step's
 * product streams all of G through the cache for only B terms per element; kept and added at once,
 * the product runs at the speed of a large one.
 *
 * <p>{@link #add} appends the columns of a_t and b_t as rows of two {@link #DEPTH}×M and
 * {@link #DEPTH}×N buffers (at least one step's B rows), adding them to G whenever they are full;
 * {@link #flush} adds what is left, at the end of BPTT. Each element's terms are added in the order
 * they came, as {@link Dense#multAddTransB} step by step would add them, so G gets the same bits
 * ({@code AffineTest}). The buffers are made at the first {@link #add}: a network that only scores
 * never makes them; after that, no allocation.
 */
public final class OuterProducts {
  /** Terms (rows) kept before they are added: a product this deep runs near the kernel's best. */
  static final int DEPTH = 256;

  private final MatrixView into;
  private final int capacity;
  private double[] aRows, bRows;
  private int kept;
  private MatrixView aFull, bFull, aPart, bPart; // views of the kept rows: all of them, and the last part

  /** Adds to {@code into} (M×N, the gradient) the terms of steps of {@code batchSize} columns. */
  public OuterProducts(MatrixView into, int batchSize) {
    this.into = into;
    this.capacity = Math.max(batchSize, DEPTH / batchSize * batchSize);
  }

  /** G += a bᵀ (a: M×B, b: N×B, not modified), now or at a later {@link #add} or {@link #flush}. */
  public void add(MatrixView a, MatrixView b) {
    if (a.rows != into.rows || b.rows != into.cols || a.cols != b.cols || a.cols > capacity) {
      throw new IllegalArgumentException("add: " + a.rows + "×" + a.cols + " and " + b.rows + "×" + b.cols + " to "
          + into.rows + "×" + into.cols + " in steps of at most " + capacity + " columns");
    }
    if (kept + a.cols > capacity) {
      flush();
    }
    if (aRows == null) {
      aRows = new double[capacity * into.rows];
      bRows = new double[capacity * into.cols];
    }
    copyColumnsAsRows(a, aRows, kept);
    copyColumnsAsRows(b, bRows, kept);
    kept += a.cols;
  }

  /** Adds the terms kept to G: at the end of BPTT, so that G is complete. */
  public void flush() {
    if (kept == 0) {
      return;
    }
    if (kept == capacity) {
      if (aFull == null) {
        aFull = new MatrixView(aRows, 0, capacity, into.rows);
        bFull = new MatrixView(bRows, 0, capacity, into.cols);
      }
      Dense.multAddTransA(aFull, bFull, into);
    } else {
      if (aPart == null || aPart.rows != kept) {
        aPart = new MatrixView(aRows, 0, kept, into.rows);
        bPart = new MatrixView(bRows, 0, kept, into.cols);
      }
      Dense.multAddTransA(aPart, bPart, into);
    }
    kept = 0;
  }

  /** Column c of x (R×C) into row {@code at + c} of {@code rows} (rows of R). */
  private static void copyColumnsAsRows(MatrixView x, double[] rows, int at) {
    final int r = x.rows, columns = x.cols;
    for (int c = 0; c < columns; c++) {
      final int to = (at + c) * r;
      for (int i = 0; i < r; i++) {
        rows[to + i] = x.data[x.offset + i * columns + c];
      }
    }
  }
}
