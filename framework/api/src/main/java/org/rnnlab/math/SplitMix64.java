package org.rnnlab.math;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * The SplitMix64 generator (Steele, Lea &amp; Flood 2014, the one behind {@code SplittableRandom}),
 * with its whole state in one {@code long} so that a run can record and restore it.
 *
 * <p>Every random number of a run comes from generators derived from the config's one {@code seed}
 * by {@link #derive(long, String)}: one stream per purpose ("init", "train-data", "test-data"), so
 * adding draws to one purpose never shifts another's numbers. All other draws ({@code nextDouble},
 * {@code nextInt(bound)}, …) are {@link RandomGenerator}'s specified defaults over {@link
 * #nextLong()}, hence the same on every JVM.
 */
public final class SplitMix64 implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private long state;

  public SplitMix64(long state) {
    this.state = state;
  }

  /** An independent generator for {@code purpose}, derived from {@code seed} alone. */
  public static SplitMix64 derive(long seed, String purpose) {
    long h = mix(seed);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xff));
    }
    return new SplitMix64(h);
  }

  @Override
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** The whole state: {@code new SplitMix64(g.state())} continues exactly where {@code g} is. */
  public long state() {
    return state;
  }

  /** Continues from {@code state} (another generator's {@link #state()}), as a new one would. */
  public void setState(long state) {
    this.state = state;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
