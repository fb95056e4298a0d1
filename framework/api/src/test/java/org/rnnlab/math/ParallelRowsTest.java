package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Threads change the time of a product, never a bit of its result. */
class ParallelRowsTest {

  @AfterEach
  void oneThreadAgain() {
    ParallelRows.use(1);
  }

  /** m × k × n, with row counts that do not split evenly and remainders of every kind. */
  private static final int[][] SHAPES = {{256, 256, 32}, {65, 32, 128}, {257, 129, 33}, {130, 70, 19}, {1024, 256, 32},
      {64, 64, 64}, {33, 400, 40}};

  /** The three products of every shape with {@code threads} threads. */
  private static List<double[]> products(int threads) {
    ParallelRows.use(threads);
    SplitMix64 random = new SplitMix64(7);
    List<double[]> out = new ArrayList<>();
    for (int[] s : SHAPES) {
      int m = s[0], k = s[1], n = s[2];
      MatrixView a = filled(m, k, random), b = filled(k, n, random), at = filled(k, m, random), bt = filled(n, k, random);
      MatrixView c = filled(m, n, random), ct = filled(m, n, random), cb = filled(m, n, random);
      Dense.multAdd(a, b, c);
      Dense.multAddTransA(at, b, ct);
      Dense.multAddTransB(a, bt, cb);
      out.add(c.data);
      out.add(ct.data);
      out.add(cb.data);
    }
    return out;
  }

  private static MatrixView filled(int rows, int cols, SplitMix64 random) {
    MatrixView m = MatrixView.zeros(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextDouble() - 0.5;
    }
    return m;
  }

  @Test
  void everyThreadCountGivesTheSameBits() {
    List<double[]> one = products(1);
    for (int threads : new int[] {2, 3, 4}) {
      List<double[]> many = products(threads);
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(one.get(i), many.get(i), "product " + i + " with " + threads + " threads");
      }
    }
  }

  @Test
  void onlyTheThreadThatTookTheWorkersUsesThem() throws InterruptedException {
    ParallelRows.use(2);
    assertEquals(2, ParallelRows.threads());
    int[] seen = new int[1];
    Thread other = new Thread(() -> seen[0] = ParallelRows.threads());
    other.start();
    other.join();
    assertEquals(1, seen[0]);
  }
}
