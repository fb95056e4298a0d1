package org.rnnlab.nn;

import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.rnnlab.math.ParallelRows;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Workers;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;

/**
 * A network unrolled for batches of B sequences cut into slices of at most {@value #WIDTH}
 * columns, which threads run side by side: each slice has its own {@link Network.Unrolled} and
 * gradient buffer, and the slices' gradients and losses are added in slice order afterwards:
 *
 * <pre>
 * dθ = dθ₁ + dθ₂ + … + dθ_S      (left to right; dθ_s = Σ over slice s of the per-sequence gradients / B)
 * </pre>
 *
 * The slices depend only on B, never on the thread count, so the numbers are the same to the bit
 * on any number of threads: threads change the time, never a result. A batch of at most
 * {@value #WIDTH} sequences is one slice and runs exactly as {@link Network.Unrolled} does, its
 * large products splitting their rows over the threads instead ({@link
 * org.rnnlab.math.ParallelRows}, also the same to the bit).
 *
 * <p>Dropout: with more than one slice, each training pass draws one seed per slice from the
 * given random stream, in slice order, and each slice draws its masks from its own seed.
 */
public final class BatchSlices {
  /**
   * The most columns in a slice. Each slice streams every weight matrix once per step, so narrower
   * slices cost more per sequence: measured on one thread (2-core AMD EPYC, AVX2), cutting the
   * memory task's B = 32 into slices of 16 cost 5 %, into slices of 8 40 %; a 1 × 256 LSTM on text
   * at B = 16 ran 65 % slower in slices of 8.
   */
  public static final int WIDTH = 16;

  private final Network network;
  private final int batchSize;
  private final int[] first; // first[s]: the first column of slice s
  private final Network.Unrolled[] parts;
  private final Parameters[] gradients; // slice s ≥ 1 accumulates here; slice 0 into the network's
  private final SequenceBatch[] batches; // the last batch's columns of each slice
  private final double[] sums;
  private final SplitMix64[] dropoutRandoms;
  private RandomGenerator dropoutSource;
  private final Workers workers;
  private final boolean scoringOnly; // the slices share the network's gradients, which nothing writes

  /**
   * @param batchSize B
   * @param maxSteps the longest sequence a batch may have
   * @param workers the threads that run the slices (shared with other users on the same thread)
   */
  public BatchSlices(Network network, int batchSize, int maxSteps, Workers workers) {
    this(network, batchSize, maxSteps, workers, false);
  }

  /**
   * Slices that only score (forward passes: {@link #loss}, {@link #countCorrect}) and so need no
   * gradient buffer of their own: a test set of 500 sequences is 32 slices, and 31 copies of the
   * parameters would be memory for nothing.
   */
  public static BatchSlices forScoring(Network network, int batchSize, int maxSteps, Workers workers) {
    return new BatchSlices(network, batchSize, maxSteps, workers, true);
  }

  private BatchSlices(Network network, int batchSize, int maxSteps, Workers workers, boolean scoringOnly) {
    this.scoringOnly = scoringOnly;
    this.network = network;
    this.batchSize = batchSize;
    int count = count(batchSize);
    this.first = new int[count + 1];
    for (int s = 0; s <= count; s++) {
      first[s] = (int) ((long) batchSize * s / count); // as equal as can be: widths differ by one at most
    }
    this.parts = new Network.Unrolled[count];
    this.gradients = new Parameters[count];
    this.batches = new SequenceBatch[count];
    this.sums = new double[count];
    this.dropoutRandoms = new SplitMix64[count];
    for (int s = 0; s < count; s++) {
      gradients[s] = s == 0 || scoringOnly ? network.gradients() : new Parameters(network.parameters().layout());
      parts[s] = network.unroll(width(s), maxSteps, gradients[s]);
      dropoutRandoms[s] = new SplitMix64(0);
    }
    this.workers = workers;
  }

  /** The number of slices of a batch of {@code batchSize}: ⌈B / {@value #WIDTH}⌉. */
  public static int count(int batchSize) {
    return (batchSize + WIDTH - 1) / WIDTH;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The number of slices. */
  public int slices() {
    return parts.length;
  }

  private int width(int s) {
    return first[s + 1] - first[s];
  }

  /** As {@link Network.Unrolled#dropout}: masks for every training pass from now on, drawn from {@code random}. */
  public void dropout(RandomGenerator random) {
    if (parts.length == 1) {
      parts[0].dropout(random);
      return;
    }
    dropoutSource = network.dropout() > 0 ? random : null; // as the unrolled network: no masks, no seeds
    for (int s = 0; s < parts.length; s++) {
      parts[s].dropout(random == null ? null : dropoutRandoms[s]);
    }
  }

  /**
   * Forward and backward pass over {@code batch} (B sequences, not modified): returns the loss
   * summed over steps and averaged over the batch, and overwrites the network's gradients with its
   * gradient (as {@link Network.Unrolled#lossAndGradient}).
   */
  public double lossAndGradient(SequenceBatch batch, Loss loss) {
    if (scoringOnly) {
      throw new IllegalStateException("these slices only score (BatchSlices.forScoring); they have no gradients");
    }
    if (parts.length == 1) {
      return parts[0].lossAndGradient(batch, loss);
    }
    checkBatch(batch);
    if (dropoutSource != null) {
      for (SplitMix64 random : dropoutRandoms) {
        random.setState(dropoutSource.nextLong());
      }
    }
    final double scale = 1.0 / batchSize;
    runSlices(s -> sums[s] = parts[s].lossAndGradient(slice(s, batch), loss, scale));
    Parameters into = network.gradients();
    for (int s = 1; s < parts.length; s++) {
      into.add(gradients[s]);
    }
    return sum() * scale;
  }

  /** Forward pass only, without dropout: the loss summed over steps and averaged over the batch. */
  public double loss(SequenceBatch batch, Loss loss) {
    if (parts.length == 1) {
      return parts[0].loss(batch, loss);
    }
    checkBatch(batch);
    runSlices(s -> sums[s] = parts[s].lossSum(slice(s, batch), loss));
    return sum() / batchSize;
  }

  /**
   * The number of scored positions of the last pass whose arg-max output equals the target; {@code
   * batch} must be the batch of that pass (with several slices, their copies of it are read).
   */
  public long countCorrect(SequenceBatch batch) {
    if (parts.length == 1) {
      return parts[0].countCorrect(batch);
    }
    long correct = 0;
    for (int s = 0; s < parts.length; s++) {
      correct += parts[s].countCorrect(batches[s]);
    }
    return correct;
  }

  /** As {@link Network.Unrolled#carryState}: the next pass starts where the last one ended. */
  public void carryState() {
    for (Network.Unrolled part : parts) {
      part.carryState();
    }
  }

  /** As {@link Network.Unrolled#resetState}: the next pass starts from zeros. */
  public void resetState() {
    for (Network.Unrolled part : parts) {
      part.resetState();
    }
  }

  /** As {@link Network.Unrolled#endState}: every layer's state matrices, H×B each, whatever the slices. */
  public double[] endState() {
    if (parts.length == 1) {
      return parts[0].endState();
    }
    double[] state = new double[stateSize()];
    for (int s = 0; s < parts.length; s++) {
      copyState(parts[s].endState(), s, state, true);
    }
    return state;
  }

  /** The length of {@link #endState()}. */
  public int stateSize() {
    int size = 0;
    for (Network.Unrolled part : parts) { // H×b per state matrix and slice: H×B in all
      size += part.stateSize();
    }
    return size;
  }

  /** As {@link Network.Unrolled#startFrom}: the next pass starts from a state {@link #endState()} gave. */
  public void startFrom(double[] state) {
    if (parts.length == 1) {
      parts[0].startFrom(state);
      return;
    }
    if (state.length != stateSize()) {
      throw new IllegalArgumentException("a state of " + state.length + " values for a network that carries "
          + stateSize());
    }
    for (int s = 0; s < parts.length; s++) {
      double[] own = new double[parts[s].stateSize()];
      copyState(own, s, state, false);
      parts[s].startFrom(own);
    }
  }

  /**
   * Between slice s's state (its matrices H×b, one after another) and the whole batch's (H×B):
   * into the whole when {@code intoWhole}, else out of it.
   */
  private void copyState(double[] own, int s, double[] whole, boolean intoWhole) {
    int b = width(s), at = 0, wholeAt = 0;
    for (Network.Layer layer : network.layers()) {
      for (int k = 0; k < layer.cell().stateCount(); k++) {
        for (int i = 0; i < layer.hidden(); i++) {
          int w = wholeAt + i * batchSize + first[s], o = at + i * b;
          if (intoWhole) {
            System.arraycopy(own, o, whole, w, b);
          } else {
            System.arraycopy(whole, w, own, o, b);
          }
        }
        at += layer.hidden() * b;
        wholeAt += layer.hidden() * batchSize;
      }
    }
  }

  /** Slice s of {@code batch}, copied into that slice's own batch (made once per shape). */
  private SequenceBatch slice(int s, SequenceBatch batch) {
    SequenceBatch own = batches[s];
    if (own == null || !own.shape().equals(batch.shape())) {
      own = batches[s] = new SequenceBatch(batch.shape(), width(s));
    }
    own.copyColumns(batch, first[s]);
    return own;
  }

  private void runSlices(IntConsumer job) {
    if (workers.threads() == 1) {
      workers.run(parts.length, job);
    } else {
      ParallelRows.alone(() -> workers.run(parts.length, job)); // the slices keep every thread busy
    }
  }

  /** The slices' sums, added in slice order. */
  private double sum() {
    double total = 0;
    for (double sum : sums) {
      total += sum;
    }
    return total;
  }

  private void checkBatch(SequenceBatch batch) {
    if (batch.batchSize() != batchSize) {
      throw new IllegalArgumentException("a batch of " + batch.batchSize() + " sequences for slices of a batch of "
          + batchSize);
    }
  }
}
