package org.rnnlab.nn;

import java.util.List;
import java.util.random.RandomGenerator;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.TaskShape;

/**
 * A recurrent cell followed by a linear readout, z_t = V h_t + c (V: K×H, c: K×1), trained by
 * backpropagation through time over whole sequences.
 *
 * <p>Parameters and gradients are two flat arrays with the same {@link ParameterLayout}: layer
 * "cell" (the cell's matrices) then layer "readout" (V, c). {@link #unroll} allocates the
 * per-sequence buffers once; a training step then allocates nothing.
 */
public final class Network {
  /** Layer names, for per-layer clipping and per-matrix reports. */
  public static final String CELL_LAYER = "cell";

  public static final String READOUT_LAYER = "readout";

  private final Cell cell;
  private final TaskShape shape;
  private final int hiddenSize;
  private final Parameters parameters;
  private final Parameters gradients;

  public Network(Cell cell, TaskShape shape, int hiddenSize) {
    this.cell = cell;
    this.shape = shape;
    this.hiddenSize = hiddenSize;
    ParameterLayout layout = layout(cell, shape, hiddenSize);
    this.parameters = new Parameters(layout);
    this.gradients = new Parameters(layout);
  }

  /** Where each parameter of such a network lives in its flat array, without allocating one. */
  public static ParameterLayout layout(Cell cell, TaskShape shape, int hiddenSize) {
    return ParameterLayout.builder()
        .add(CELL_LAYER, cell.parameters(shape.inputSize(), hiddenSize))
        .add(READOUT_LAYER, List.of(
            ParameterSpec.inputWeights("V", shape.outputSize(), hiddenSize),
            ParameterSpec.bias("c", shape.outputSize(), 0)))
        .build();
  }

  /**
   * Sets every parameter: weights by their initializer ({@code init} for input and readout
   * weights, {@code recurrentInit} for hidden-to-hidden), biases to their spec's value. Blocks are
   * filled in layout order, all from {@code random}.
   */
  public void initialize(Initializer init, Initializer recurrentInit, RandomGenerator random) {
    for (ParameterLayout.Block block : parameters.layout().blocks()) {
      MatrixView view = parameters.view(block);
      switch (block.spec().kind()) {
        case INPUT_WEIGHTS -> init.initialize(view, random);
        case RECURRENT_WEIGHTS -> recurrentInit.initialize(view, random);
        case BIAS -> view.fill(block.spec().biasValue());
      }
    }
  }

  public Parameters parameters() {
    return parameters;
  }

  /** dL/dθ after {@link Unrolled#lossAndGradient}; same layout as {@link #parameters()}. */
  public Parameters gradients() {
    return gradients;
  }

  public TaskShape shape() {
    return shape;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /** Buffers for batches of {@code batchSize} sequences of the task's length. */
  public Unrolled unroll(int batchSize) {
    return unroll(batchSize, shape.steps());
  }

  /**
   * Buffers for batches of {@code batchSize} sequences of up to {@code maxSteps} steps (any task
   * shape that differs from this network's only in its length).
   */
  public Unrolled unroll(int batchSize, int maxSteps) {
    return new Unrolled(batchSize, maxSteps);
  }

  /**
   * The network unrolled over up to T steps for B sequences: owns every per-step buffer. Each pass
   * runs over as many steps as its batch has.
   */
  public final class Unrolled {
    private final int maxSteps;
    private final int batchSize;
    private int steps; // of the last forward pass
    private final Cell.Unrolled cellSteps;
    private final MatrixView v;
    private final MatrixView c;
    private final MatrixView dV;
    private final MatrixView dc;
    private final MatrixView[] outputs; // z_t, K×B each
    private final MatrixView dOutput; // dL/dz_t, K×B
    private final MatrixView dh; // dL/dh_t, H×B
    private final MatrixView dhNext; // dL/dh_t through step t+1, H×B

    private Unrolled(int batchSize, int maxSteps) {
      this.maxSteps = maxSteps;
      this.batchSize = batchSize;
      this.cellSteps = cell.unroll(parameters, gradients, hiddenSize, maxSteps, batchSize);
      this.v = parameters.view("V");
      this.c = parameters.view("c");
      this.dV = gradients.view("V");
      this.dc = gradients.view("c");
      int k = shape.outputSize();
      double[] z = new double[maxSteps * k * batchSize];
      this.outputs = new MatrixView[maxSteps];
      for (int t = 0; t < maxSteps; t++) {
        outputs[t] = new MatrixView(z, t * k * batchSize, k, batchSize);
      }
      this.dOutput = MatrixView.zeros(k, batchSize);
      this.dh = MatrixView.zeros(hiddenSize, batchSize);
      this.dhNext = MatrixView.zeros(hiddenSize, batchSize);
    }

    public int batchSize() {
      return batchSize;
    }

    /** Runs the cell and readout over every step of {@code batch} (not modified). */
    public void forward(SequenceBatch batch) {
      checkBatch(batch);
      steps = batch.steps();
      for (int t = 0; t < steps; t++) {
        cellSteps.forward(t, batch);
        MatrixView z = outputs[t];
        Dense.mult(v, cellSteps.output(t), z); // z_t = V h_t
        Dense.addToColumns(c, z); //         + c
      }
    }

    /** z_t (K×B) of the last forward pass. Not to be modified. */
    public MatrixView output(int t) {
      return outputs[t];
    }

    /** h_t (H×B) of the last forward pass. Not to be modified. */
    public MatrixView hidden(int t) {
      return cellSteps.output(t);
    }

    /**
     * Forward and backward pass: returns the loss summed over steps and averaged over the batch,
     * and overwrites {@link #gradients()} with its gradient.
     */
    public double lossAndGradient(SequenceBatch batch, Loss loss) {
      forward(batch);
      gradients.clear();
      dhNext.fill(0);
      final double scale = 1.0 / batchSize;
      double total = 0;
      for (int t = steps - 1; t >= 0; t--) {
        MatrixView h = cellSteps.output(t);
        total += loss.lossAndGradient(outputs[t], batch, t, scale, dOutput); // dz_t
        Dense.multAddTransB(dOutput, h, dV); //                               dV += dz_t h_tᵀ
        Dense.addColumnSums(dOutput, dc); //                                   dc += Σ_b dz_t
        dh.copyFrom(dhNext); //                                                dh_t = dh from t+1
        Dense.multAddTransA(v, dOutput, dh); //                                      + Vᵀ dz_t
        cellSteps.backward(t, batch, dh, dhNext); //                           dhNext = dL/dh_{t-1}
      }
      return total * scale;
    }

    /** Forward pass only: the loss summed over steps and averaged over the batch. */
    public double loss(SequenceBatch batch, Loss loss) {
      forward(batch);
      double total = 0;
      for (int t = 0; t < steps; t++) {
        total += loss.lossAndGradient(outputs[t], batch, t, 1.0, null);
      }
      return total / batchSize;
    }

    /**
     * The number of scored positions of the last forward pass whose arg-max output equals the
     * target. (The number of scored positions is {@link #countScored}.)
     */
    public long countCorrect(SequenceBatch batch) {
      long correct = 0;
      for (int t = 0; t < steps; t++) {
        correct += Network.countCorrect(outputs[t], batch, t);
      }
      return correct;
    }

    private void checkBatch(SequenceBatch batch) {
      if (batch.batchSize() != batchSize || batch.steps() > maxSteps
          || !batch.shape().equals(shape.withSteps(batch.steps()))) {
        throw new IllegalArgumentException("batch of " + batch.batchSize() + " sequences of " + batch.shape()
            + " does not fit a network of " + shape + " unrolled for " + batchSize + " × " + maxSteps + " steps");
      }
    }
  }

  /**
   * The number of positions of step t that are {@linkplain SequenceBatch#isScored scored} and whose
   * arg-max output (the first, on ties) equals the target. z: K×B, not modified.
   */
  public static long countCorrect(MatrixView z, SequenceBatch batch, int t) {
    if (!batch.shape().classTargets()) {
      throw new IllegalArgumentException("accuracy needs class targets; this batch has real-valued ones");
    }
    long correct = 0;
    final int k = z.rows, n = z.cols;
    for (int b = 0; b < n; b++) {
      if (!batch.isScored(t, b)) {
        continue;
      }
      int best = 0;
      double bestValue = z.data[z.offset + b];
      for (int i = 1; i < k; i++) {
        double value = z.data[z.offset + i * n + b];
        if (value > bestValue) {
          best = i;
          bestValue = value;
        }
      }
      if (best == batch.target(t, b)) {
        correct++;
      }
    }
    return correct;
  }

  /** The number of scored positions in {@code batch}. */
  public static long countScored(SequenceBatch batch) {
    long n = 0;
    for (int t = 0; t < batch.steps(); t++) {
      for (int b = 0; b < batch.batchSize(); b++) {
        if (batch.isScored(t, b)) {
          n++;
        }
      }
    }
    return n;
  }
}
