package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

  @Test
  void sameSeedAndPurposeGiveTheSameStream() {
    SplitMix64 a = SplitMix64.derive(7, "train-data"), b = SplitMix64.derive(7, "train-data");
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
  }

  @Test
  void purposesAndSeedsGiveDifferentStreams() {
    assertNotEquals(SplitMix64.derive(7, "train-data").nextLong(), SplitMix64.derive(7, "test-data").nextLong());
    assertNotEquals(SplitMix64.derive(7, "init").nextLong(), SplitMix64.derive(8, "init").nextLong());
    assertNotEquals(SplitMix64.derive(0, "a").nextLong(), SplitMix64.derive(0, "b").nextLong());
  }

  @Test
  void theStateRestoresTheStream() {
    SplitMix64 a = SplitMix64.derive(1, "x");
    a.nextLong();
    SplitMix64 b = new SplitMix64(a.state());
    assertEquals(a.nextDouble(), b.nextDouble());
    assertEquals(a.nextInt(10), b.nextInt(10));
  }

  @Test
  void firstOutputsOfKnownSeedMatchTheReferenceAlgorithm() {
    // SplitMix64 (Steele et al. 2014) from state 0: the published first output.
    assertEquals(0xe220a8397b1dcdafL, new SplitMix64(0).nextLong());
  }

  @Test
  void boundedDrawsAreRoughlyUniform() {
    SplitMix64 r = SplitMix64.derive(3, "uniform");
    int[] counts = new int[8];
    for (int i = 0; i < 80_000; i++) {
      counts[r.nextInt(8)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10_000) < 500, "count " + c);
    }
  }
}
