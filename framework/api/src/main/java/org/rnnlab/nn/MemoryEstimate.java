package org.rnnlab.nn;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.TaskShape;

/**
 * The memory a network needs, estimated before it is built: its parameters and gradients, and the
 * buffers BPTT keeps for B sequences of T steps. A cell owns its per-step state, so the buffers are
 * measured rather than assumed: the allocations of {@link Network#unroll} on small networks (H = 8
 * and 16, B and T of 2 and 4) fit a + b·T + c·B + d·T·B for each H, and each coefficient is taken
 * as linear in H. That is exact for cells whose state is a few H × B matrices per step (all the
 * built-in ones) and says so loudly enough for any other.
 */
public final class MemoryEstimate {
  private MemoryEstimate() {}

  /** Bytes of the parameters and their gradients (two doubles each). */
  public static long parameters(Cell cell, TaskShape shape, int hidden) {
    return 16L * Network.layout(cell, shape, hidden).size();
  }

  /**
   * Bytes of {@code Network.unroll(batch, steps)} for a network of {@code hidden} units, or -1 when
   * this JVM cannot count allocations.
   */
  public static long unrolled(Cell cell, TaskShape shape, int hidden, int batch, int steps) {
    double[] at8 = coefficients(cell, shape, 8), at16 = coefficients(cell, shape, 16);
    if (at8 == null || at16 == null) {
      return -1;
    }
    double total = 0;
    double[] terms = {1, steps, batch, (double) steps * batch};
    for (int i = 0; i < 4; i++) {
      double perUnit = (at16[i] - at8[i]) / 8; // each coefficient linear in H
      double coefficient = Math.max(0, at8[i] + perUnit * (hidden - 8));
      total += coefficient * terms[i];
    }
    return (long) Math.min(Long.MAX_VALUE, total);
  }

  /** Bytes of the parameters and their gradients of a stack of layers. */
  public static long parameters(List<Network.Layer> layers, TaskShape shape) {
    return 16L * Network.layout(layers, shape).size();
  }

  /**
   * Bytes of {@code Network.unroll(batch, steps)} for a stack of layers with this dropout, or -1:
   * each layer measured as a network of its own (so the readout's buffers count once per layer, a
   * small overestimate), plus what a stack adds per step: the gradient with respect to each upper
   * layer's inputs, and with dropout a mask on every layer's outputs and the masked outputs.
   */
  public static long unrolled(List<Network.Layer> layers, TaskShape shape, double dropout, int batch, int steps) {
    long total = 0;
    long perStep = 8L * steps * batch;
    for (int l = 0; l < layers.size(); l++) {
      Network.Layer layer = layers.get(l);
      long one = unrolled(layer.cell(), shape, layer.hidden(), batch, steps);
      if (one < 0) {
        return -1;
      }
      boolean below = l + 1 < layers.size();
      long stack = (below ? perStep * layer.hidden() : 0) + (dropout > 0 ? 2 * perStep * layer.hidden() : 0);
      total = saturatedAdd(total, saturatedAdd(one, stack));
    }
    return total;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** Bytes of a {@link org.rnnlab.spi.SequenceBatch} of {@code batch} sequences of this shape. */
  public static long batch(TaskShape shape, int batch) {
    long positions = (long) shape.steps() * batch;
    long inputs = shape.symbolInputs() ? 4 : 8L * shape.inputSize();
    long targets = 4 + (shape.classTargets() ? 0 : 8L * shape.outputSize());
    return positions * (inputs + targets + 1);
  }

  /** a, b, c, d of a + b·T + c·B + d·T·B bytes at {@code hidden} units, or null. */
  private static double[] coefficients(Cell cell, TaskShape shape, int hidden) {
    double m22 = measure(cell, shape, hidden, 2, 2), m42 = measure(cell, shape, hidden, 4, 2);
    double m24 = measure(cell, shape, hidden, 2, 4), m44 = measure(cell, shape, hidden, 4, 4);
    if (m22 < 0 || m42 < 0 || m24 < 0 || m44 < 0) {
      return null;
    }
    double d = (m44 - m42 - m24 + m22) / 4;
    double b = (m42 - m22) / 2 - 2 * d;
    double c = (m24 - m22) / 2 - 2 * d;
    double a = m22 - 2 * b - 2 * c - 4 * d;
    return new double[] {a, b, c, d};
  }

  /**
   * Bytes allocated by one unroll of B sequences of T steps, or -1: the least of three tries, so
   * that what happens once (a class initialized on first use) does not count.
   */
  private static long measure(Cell cell, TaskShape shape, int hidden, int steps, int batch) {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      least = Math.min(least, measureOnce(cell, shape, hidden, steps, batch));
    }
    return least;
  }

  private static long measureOnce(Cell cell, TaskShape shape, int hidden, int steps, int batch) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
        || !bean.isThreadAllocatedMemorySupported() || !bean.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    Network network = new Network(cell, shape.withSteps(steps), hidden);
    long before = bean.getCurrentThreadAllocatedBytes();
    Network.Unrolled unrolled = network.unroll(batch, steps);
    long after = bean.getCurrentThreadAllocatedBytes();
    return unrolled == null ? -1 : after - before;
  }
}
