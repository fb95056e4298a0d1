package org.rnnlab.plugins.cells;

import java.util.random.RandomGenerator;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.InvalidSetting;

/**
 * Chrono initialization of a gate's bias (Tallec &amp; Ollivier 2018, "Can recurrent neural
 * networks warp time?"): b = log(u), u uniform in [1, T_max − 1] per unit, so that σ(b) = u/(1 + u)
 * keeps a unit's memory for about u steps at the start, the units spread over the time scales up
 * to T_max.
 */
final class Chrono {
  private Chrono() {}

  /** T_max is 0 (off) or at least 2. */
  static void check(int maxDelay) {
    if (maxDelay == 1) {
      throw new InvalidSetting("chrono", "expected 0 (off) or a T_max of at least 2, got 1");
    }
  }

  /** bias ← log(u), u uniform in [1, T_max − 1], one draw per entry in order. */
  static void fill(MatrixView bias, int maxDelay, RandomGenerator random) {
    for (int k = bias.offset, end = bias.offset + bias.size(); k < end; k++) {
      bias.data[k] = Math.log(1 + (maxDelay - 2) * random.nextDouble());
    }
  }
}
