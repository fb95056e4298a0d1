package org.rnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.Precision;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StepInputs;
import org.rnnlab.spi.TaskShape;

/**
 * One or more recurrent layers followed by a linear readout, z_t = V h_t + c (V: K×H_top, c: K×1),
 * trained by backpropagation through time.
 *
 * <pre>
 * forward    h¹_t = cell₁(x_t, h¹_{t-1}),  hˡ_t = cellₗ(mˡ⁻¹_t ⊙ hˡ⁻¹_t, hˡ_{t-1}),  z_t = V (mᴸ_t ⊙ hᴸ_t) + c
 * backward   dz_t from the loss;  dV += dz_t (m ⊙ hᴸ_t)ᵀ,  dc += Σ_batch dz_t
 *            dhᴸ_t = dhᴸ from t+1 + m ⊙ Vᵀ dz_t;   each layer's backward adds m ⊙ W… into dhˡ⁻¹_t
 * </pre>
 *
 * The masks m are inverted dropout between layers and before the readout (Zaremba, Sutskever &amp;
 * Vinyals 2014: on the non-recurrent connections only), drawn for each training batch and absent
 * otherwise. Each layer starts from a zero state, or from the state the previous chunk of a stream
 * ended in ({@link Unrolled#carryState()}); gradients stop there (truncated BPTT, Williams &amp; Peng
 * 1990).
 *
 * <p>Parameters and gradients are two flat arrays with the same {@link ParameterLayout}: layer
 * "cell" (one layer) or "layer1", "layer2", … (the matrices of layer l ≥ 2 named {@code l<l>.W},
 * …), then layer "readout" (V, c). {@link #unroll} allocates the per-sequence buffers once; a
 * training step then allocates nothing.
 *
 * <p>In {@link Precision#FLOAT32} the readout's products with V and the cells' products through
 * {@link Affine} run on float copies of the weights ({@link Float32Weights}); everything else stays
 * double.
 */
public final class Network {
  /** Layer names, for per-layer clipping and per-matrix reports. */
  public static final String CELL_LAYER = "cell";

  public static final String READOUT_LAYER = "readout";

  /** One recurrent layer: a cell and its number of units. */
  public record Layer(Cell cell, int hidden) {
    public Layer {
      if (hidden < 1) {
        throw new IllegalArgumentException("a layer needs at least one unit, got " + hidden);
      }
    }
  }

  private final List<Layer> layers;
  private final TaskShape shape;
  private final double dropout;
  private final Precision precision;
  private final Parameters parameters;
  private final Parameters gradients;

  /** One layer of {@code hiddenSize} units of {@code cell}. */
  public Network(Cell cell, TaskShape shape, int hiddenSize) {
    this(List.of(new Layer(cell, hiddenSize)), shape, 0);
  }

  /**
   * @param layers the recurrent layers, bottom first
   * @param dropout the probability of dropping a unit between layers and before the readout, in
   *     training (0: none)
   */
  public Network(List<Layer> layers, TaskShape shape, double dropout) {
    this(layers, shape, dropout, Precision.FLOAT64);
  }

  /** As {@link #Network(List, TaskShape, double)}, its weight products in {@code precision}. */
  public Network(List<Layer> layers, TaskShape shape, double dropout, Precision precision) {
    if (layers.isEmpty() || !(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(layers.size() + " layers, dropout " + dropout);
    }
    this.layers = List.copyOf(layers);
    this.shape = shape;
    this.dropout = dropout;
    this.precision = precision;
    ParameterLayout layout = layout(layers, shape);
    this.parameters = new Parameters(layout);
    this.gradients = new Parameters(layout);
  }

  /** Where each parameter of a one-layer network lives in its flat array, without allocating one. */
  public static ParameterLayout layout(Cell cell, TaskShape shape, int hiddenSize) {
    return layout(List.of(new Layer(cell, hiddenSize)), shape);
  }

  /** Where each parameter of such a network lives in its flat array, without allocating one. */
  public static ParameterLayout layout(List<Layer> layers, TaskShape shape) {
    ParameterLayout.Builder builder = ParameterLayout.builder();
    int input = shape.inputSize();
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      builder.add(layerName(l, layers.size()), prefix(l), layer.cell().parameters(input, layer.hidden()));
      input = layer.hidden();
    }
    return builder.add(READOUT_LAYER, List.of(
            ParameterSpec.inputWeights("V", shape.outputSize(), input),
            ParameterSpec.bias("c", shape.outputSize(), 0)))
        .build();
  }

  /** "cell" for a network of one layer, else "layer1", "layer2", …. */
  static String layerName(int l, int count) {
    return count == 1 ? CELL_LAYER : "layer" + (l + 1);
  }

  /** The prefix of layer l's parameter names: none for the first, {@code l2.} for the second, …. */
  static String prefix(int l) {
    return l == 0 ? "" : "l" + (l + 1) + ".";
  }

  /**
   * Sets every parameter: weights by their initializer ({@code init} for input and readout
   * weights, {@code recurrentInit} for hidden-to-hidden), biases to their spec's value, a cell's
   * own blocks to zero; then each layer's cell, bottom first, sets what it initializes itself
   * ({@link Cell#initialize}). Blocks are filled in layout order, all from {@code random}.
   */
  public void initialize(Initializer init, Initializer recurrentInit, RandomGenerator random) {
    for (ParameterLayout.Block block : parameters.layout().blocks()) {
      MatrixView view = parameters.view(block);
      switch (block.spec().kind()) {
        case INPUT_WEIGHTS -> init.initialize(view, random);
        case RECURRENT_WEIGHTS -> recurrentInit.initialize(view, random);
        case BIAS -> view.fill(block.spec().biasValue());
        case CELL -> view.fill(0);
      }
    }
    int input = shape.inputSize();
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      layer.cell().initialize(parameters.scoped(prefix(l)), input, layer.hidden(), random);
      input = layer.hidden();
    }
  }

  public Parameters parameters() {
    return parameters;
  }

  /** dL/dθ after {@link Unrolled#lossAndGradient}; same layout as {@link #parameters()}. */
  public Parameters gradients() {
    return gradients;
  }

  /** The probability of dropping a unit between layers and before the readout, in training. */
  public double dropout() {
    return dropout;
  }

  public TaskShape shape() {
    return shape;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** What the weight products run in: {@code network.precision}. */
  public Precision precision() {
    return precision;
  }

  /** H of the top layer (the readout's input). */
  public int hiddenSize() {
    return layers.get(layers.size() - 1).hidden();
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
    return new Unrolled(batchSize, maxSteps, gradients, precision);
  }

  /**
   * As {@link #unroll(int, int)}, its products in {@code precision} rather than the network's: a
   * gradient check runs in FLOAT64 whatever the network trains in.
   */
  public Unrolled unroll(int batchSize, int maxSteps, Precision precision) {
    return new Unrolled(batchSize, maxSteps, gradients, precision);
  }

  /** As {@link #unroll(int, int)}, but BPTT accumulates into {@code gradientsInto} (this network's layout). */
  Unrolled unroll(int batchSize, int maxSteps, Parameters gradientsInto) {
    return new Unrolled(batchSize, maxSteps, gradientsInto, precision);
  }

  /**
   * The network unrolled over up to T steps for B sequences: owns every per-step buffer. Each pass
   * runs over as many steps as its batch has.
   */
  public final class Unrolled {
    private final int maxSteps;
    private final int batchSize;
    private int steps; // of the last forward pass
    private final Cell.Unrolled[] cells; // bottom first
    private final LayerInputs[] above; // above[l]: the inputs of layer l + 1, made of layer l's outputs
    private final double[][] masks; // masks[l]: the dropout mask on layer l's outputs, T×H×B, or null
    private final MatrixView[] top; // what the readout reads at each step: hᴸ_t, or mᴸ_t ⊙ hᴸ_t
    private final MatrixView v;
    private final MatrixView c;
    private final Parameters gradientsInto; // the network's gradients, or a slice's (BatchSlices)
    private final Precision precision;
    private final MatrixView dV;
    private final OuterProducts readoutGradient; // dV's terms dz_t h_tᵀ (float64)
    private final Float32Weights readout32; // V in float32, or null
    private final MatrixView readoutScratch; // Vᵀ dz_t before its dropout mask (float32), or null
    private final MatrixView dc;
    private final MatrixView[] outputs; // z_t, K×B each
    private final MatrixView dOutput; // dL/dz_t, K×B
    private final MatrixView[] dh; // per layer: dL/dh_t, H×B
    private final MatrixView[] dhNext; // per layer: dL/dh_t through step t+1, H×B
    private RandomGenerator dropoutRandom;
    private boolean dropping; // whether the last forward pass applied masks

    private Unrolled(int batchSize, int maxSteps, Parameters gradientsInto, Precision precision) {
      this.gradientsInto = gradientsInto;
      this.precision = precision;
      this.maxSteps = maxSteps;
      this.batchSize = batchSize;
      int count = layers.size();
      this.cells = new Cell.Unrolled[count];
      this.above = new LayerInputs[count];
      this.masks = new double[count][];
      this.dh = new MatrixView[count];
      this.dhNext = new MatrixView[count];
      for (int l = 0; l < count; l++) {
        int hidden = layers.get(l).hidden();
        cells[l] = layers.get(l).cell().unroll(parameters.withPrecision(precision).scoped(prefix(l)),
            gradientsInto.scoped(prefix(l)), hidden, maxSteps, batchSize);
        if (dropout > 0) {
          masks[l] = new double[maxSteps * hidden * batchSize];
        }
        dh[l] = MatrixView.zeros(hidden, batchSize);
        dhNext[l] = MatrixView.zeros(hidden, batchSize);
      }
      for (int l = 0; l + 1 < count; l++) {
        above[l] = new LayerInputs(cells[l], masks[l], layers.get(l).hidden(), maxSteps, batchSize);
      }
      this.top = new MatrixView[maxSteps];
      if (dropout > 0) {
        MatrixView[] dropped = MatrixView.stack(maxSteps, hiddenSize(), batchSize);
        System.arraycopy(dropped, 0, top, 0, maxSteps);
      }
      this.v = parameters.view("V");
      this.c = parameters.view("c");
      this.dV = gradientsInto.view("V");
      this.dc = gradientsInto.view("c");
      int k = shape.outputSize();
      double[] z = new double[maxSteps * k * batchSize];
      this.outputs = new MatrixView[maxSteps];
      for (int t = 0; t < maxSteps; t++) {
        outputs[t] = new MatrixView(z, t * k * batchSize, k, batchSize);
      }
      this.dOutput = MatrixView.zeros(k, batchSize);
      this.readout32 = precision == Precision.FLOAT32 ? new Float32Weights(v, dV) : null;
      this.readoutGradient = readout32 == null ? new OuterProducts(dV, batchSize) : null;
      this.readoutScratch = readout32 != null && dropout > 0 ? MatrixView.zeros(hiddenSize(), batchSize) : null;
    }

    public int batchSize() {
      return batchSize;
    }

    /** What this unrolled network's weight products run in. */
    public Precision precision() {
      return precision;
    }

    /**
     * Draws a dropout mask from {@code random} for every training pass ({@link #lossAndGradient})
     * from now on; null turns dropout off. Passes that only score ({@link #forward}, {@link #loss})
     * never drop.
     */
    public void dropout(RandomGenerator random) {
      this.dropoutRandom = dropout > 0 ? random : null;
    }

    /** Runs the layers and the readout over every step of {@code batch} (not modified), without dropout. */
    public void forward(SequenceBatch batch) {
      forward(batch, false);
    }

    private void forward(SequenceBatch batch, boolean drop) {
      checkBatch(batch);
      steps = batch.steps();
      dropping = drop;
      if (drop) {
        for (double[] mask : masks) {
          if (mask != null) {
            drawMask(mask, steps * (mask.length / maxSteps));
          }
        }
      }
      int last = cells.length - 1;
      if (readout32 != null) {
        readout32.load(); // V as it is now, after the last update
      }
      for (int t = 0; t < steps; t++) {
        cells[0].forward(t, batch);
        for (int l = 1; l <= last; l++) {
          above[l - 1].prepare(t, drop);
          cells[l].forward(t, above[l - 1]);
        }
        MatrixView h = readoutInput(t, drop);
        MatrixView z = outputs[t];
        if (readout32 != null) {
          z.fill(0);
          readout32.multAdd(h, z); // z_t = V h_t
        } else {
          Dense.mult(v, h, z); //     z_t = V h_t
        }
        Dense.addToColumns(c, z); //           + c
      }
    }

    /** hᴸ_t, or mᴸ_t ⊙ hᴸ_t while dropping. */
    private MatrixView readoutInput(int t, boolean drop) {
      MatrixView h = cells[cells.length - 1].output(t);
      if (!drop || masks[cells.length - 1] == null) {
        return h;
      }
      multiply(masks[cells.length - 1], t, h, top[t]);
      return top[t];
    }

    /** Inverted dropout: each entry 1/(1 − p) with probability 1 − p, else 0. */
    private void drawMask(double[] mask, int length) {
      double keep = 1 - dropout, scale = 1 / keep;
      for (int i = 0; i < length; i++) {
        mask[i] = dropoutRandom.nextDouble() < keep ? scale : 0;
      }
    }

    /** z_t (K×B) of the last forward pass. Not to be modified. */
    public MatrixView output(int t) {
      return outputs[t];
    }

    /** h_t (H×B) of the top layer in the last forward pass. Not to be modified. */
    public MatrixView hidden(int t) {
      return cells[cells.length - 1].output(t);
    }

    /**
     * Forward and backward pass (with dropout when it is on): returns the loss summed over steps
     * and averaged over the batch, and overwrites {@link #gradients()} with its gradient.
     */
    public double lossAndGradient(SequenceBatch batch, Loss loss) {
      final double scale = 1.0 / batchSize;
      return lossAndGradient(batch, loss, scale) * scale;
    }

    /**
     * As {@link #lossAndGradient(SequenceBatch, Loss)} with every dz_t scaled by {@code scale} (a
     * slice of a larger batch: 1/B of the whole); returns the loss summed over steps and columns.
     */
    double lossAndGradient(SequenceBatch batch, Loss loss, double scale) {
      boolean drop = dropoutRandom != null;
      forward(batch, drop);
      gradientsInto.clear();
      int topLayer = cells.length - 1;
      for (LayerInputs inputs : above) {
        if (inputs != null) {
          inputs.clearGradients(steps);
        }
      }
      MatrixView dhTop = dh[topLayer], dhNextTop = dhNext[topLayer];
      dhNextTop.fill(0);
      double total = 0;
      StepInputs inputsOfTop = topLayer == 0 ? batch : above[topLayer - 1];
      for (int t = steps - 1; t >= 0; t--) {
        MatrixView h = drop && masks[topLayer] != null ? top[t] : cells[topLayer].output(t);
        total += loss.lossAndGradient(outputs[t], batch, t, scale, dOutput); // dz_t
        Dense.addColumnSums(dOutput, dc); //                                   dc += Σ_b dz_t
        dhTop.copyFrom(dhNextTop); //                                          dh_t = dh from t+1
        if (readout32 != null && drop && masks[topLayer] != null) { //   in float32: dV += dz_t h_tᵀ,
          readoutScratch.fill(0);
          readout32.backward(dOutput, h, readoutScratch); //                         + m ⊙ Vᵀ dz_t
          addMasked(masks[topLayer], t, readoutScratch, dhTop);
        } else if (readout32 != null) {
          readout32.backward(dOutput, h, dhTop); //                                  + Vᵀ dz_t
        } else if (drop && masks[topLayer] != null) { //                             dV += dz_t h_tᵀ,
          readoutGradient.add(dOutput, h);
          addMasked(masks[topLayer], t, v, dOutput, dhTop); //                       + m ⊙ Vᵀ dz_t
        } else {
          readoutGradient.add(dOutput, h);
          Dense.multAddTransA(v, dOutput, dhTop); //                                 + Vᵀ dz_t
        }
        cells[topLayer].backward(t, inputsOfTop, dhTop, dhNextTop); //        dhNext = dL/dh_{t-1}
      }
      if (readout32 != null) { //                                              the rest of dV
        readout32.flush();
      } else {
        readoutGradient.flush();
      }
      for (int l = topLayer - 1; l >= 0; l--) { // each layer below, from what the layer above sent down
        dhNext[l].fill(0);
        StepInputs inputs = l == 0 ? batch : above[l - 1];
        for (int t = steps - 1; t >= 0; t--) {
          dh[l].copyFrom(dhNext[l]); //                                        dh_t = dh from t+1
          above[l].addGradientTo(t, dh[l]); //                                       + from the layer above
          cells[l].backward(t, inputs, dh[l], dhNext[l]);
        }
      }
      return total;
    }

    /** Forward pass only: the loss summed over steps and averaged over the batch. */
    public double loss(SequenceBatch batch, Loss loss) {
      return lossSum(batch, loss) / batchSize;
    }

    /** Forward pass only: the loss summed over steps and the batch. */
    double lossSum(SequenceBatch batch, Loss loss) {
      forward(batch);
      double total = 0;
      for (int t = 0; t < steps; t++) {
        total += loss.lossAndGradient(outputs[t], batch, t, 1.0, null);
      }
      return total;
    }

    /**
     * The next forward pass starts where the last one ended: every layer's state after its last
     * step becomes its start state (a stream's next chunk).
     */
    public void carryState() {
      for (int l = 0; l < cells.length; l++) {
        int count = layers.get(l).cell().stateCount();
        MatrixView[] state = new MatrixView[count];
        for (int k = 0; k < count; k++) {
          state[k] = cells[l].state(k, steps - 1);
        }
        cells[l].startFrom(state);
      }
    }

    /** The next forward pass starts from zeros, as the first one does. */
    public void resetState() {
      for (Cell.Unrolled cell : cells) {
        cell.startFrom(null);
      }
    }

    /**
     * The state the last forward pass ended in, every layer's matrices one after another (for a
     * checkpoint); zeros before the first pass.
     */
    public double[] endState() {
      List<MatrixView> all = new ArrayList<>();
      int size = 0;
      for (int l = 0; l < cells.length; l++) {
        for (int k = 0; k < layers.get(l).cell().stateCount(); k++) {
          size += layers.get(l).hidden() * batchSize;
          if (steps > 0) {
            all.add(cells[l].state(k, steps - 1));
          }
        }
      }
      int at = 0;
      double[] out = new double[size];
      for (MatrixView m : all) {
        System.arraycopy(m.data, m.offset, out, at, m.size());
        at += m.size();
      }
      return out;
    }

    /** The length of {@link #endState()}: every layer's state matrices, H×B each. */
    public int stateSize() {
      int size = 0;
      for (Layer layer : layers) {
        size += layer.cell().stateCount() * layer.hidden() * batchSize;
      }
      return size;
    }

    /** Starts the next forward pass from a state {@link #endState()} gave. */
    public void startFrom(double[] state) {
      int at = 0;
      for (int l = 0; l < cells.length; l++) {
        int count = layers.get(l).cell().stateCount(), hidden = layers.get(l).hidden();
        MatrixView[] views = new MatrixView[count];
        for (int k = 0; k < count; k++) {
          views[k] = new MatrixView(state, at, hidden, batchSize);
          at += hidden * batchSize;
        }
        cells[l].startFrom(views);
      }
      if (at != state.length) {
        throw new IllegalArgumentException("a state of " + state.length + " values for a network that carries " + at);
      }
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
          || !batch.shape().sameButSteps(shape)) {
        throw new IllegalArgumentException("batch of " + batch.batchSize() + " sequences of " + batch.shape()
            + " does not fit a network of " + shape + " unrolled for " + batchSize + " × " + maxSteps + " steps");
      }
    }
  }

  /** out = m_t ⊙ h (H×B each; m_t the slice of step t of {@code mask}). */
  static void multiply(double[] mask, int t, MatrixView h, MatrixView out) {
    int n = h.size(), at = t * n;
    for (int i = 0; i < n; i++) {
      out.data[out.offset + i] = mask[at + i] * h.data[h.offset + i];
    }
  }

  /** dh += m_t ⊙ d (H×B each; m_t the slice of step t of {@code mask}). */
  static void addMasked(double[] mask, int t, MatrixView d, MatrixView dh) {
    int n = d.size(), at = t * n;
    for (int i = 0; i < n; i++) {
      dh.data[dh.offset + i] += mask[at + i] * d.data[d.offset + i];
    }
  }

  /** dh += m_t ⊙ (Wᵀ δ), through a scratch-free loop over rows of W (W: K×H, δ: K×B, dh: H×B). */
  static void addMasked(double[] mask, int t, MatrixView w, MatrixView delta, MatrixView dh) {
    int rows = w.rows, cols = w.cols, b = delta.cols, at = t * cols * b;
    for (int j = 0; j < cols; j++) {
      for (int col = 0; col < b; col++) {
        double sum = 0;
        for (int k = 0; k < rows; k++) {
          sum += w.data[w.offset + k * cols + j] * delta.data[delta.offset + k * b + col];
        }
        dh.data[dh.offset + j * b + col] += mask[at + j * b + col] * sum;
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
