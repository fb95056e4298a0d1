package org.rnnlab.experiment;

/**
 * What a run will take, estimated before it starts (see {@link Experiment#estimate}).
 *
 * @param bytes the memory it needs at its peak
 * @param breakdown where those bytes go, for the message that refuses a run too large, e.g.
 *     "network 2.1 MB, BPTT buffers for 32 × 27 steps 0.4 MB, test set 1.0 MB"
 * @param work what it will compute, told before it starts, e.g. "10,000 steps of 32 sequences"
 */
public record Estimate(long bytes, String breakdown, String work) {
  public Estimate {
    if (bytes < 0) {
      throw new IllegalArgumentException("an estimate of " + bytes + " bytes");
    }
  }

  /** {@code bytes} in B, KB, MB or GB, two significant figures or more. */
  public static String size(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return (value >= 100 || unit == 0 ? String.format(java.util.Locale.ROOT, "%.0f", value)
        : String.format(java.util.Locale.ROOT, "%.1f", value)) + " " + units[unit];
  }
}
