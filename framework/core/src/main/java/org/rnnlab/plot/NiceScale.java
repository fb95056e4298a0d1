package org.rnnlab.plot;

/**
 * Axis bounds on "nice" values (1, 2, 2.5 or 5 times a power of ten), after Heckbert's "Nice
 * numbers for graph labels" (Graphics Gems, 1990), so that a linear axis from 500 to 16,000 runs
 * from 0 to 16,000 with ticks at 0, 2,000, 4,000, … rather than at 500, 2,500, ….
 */
final class NiceScale {
  /** About this many tick intervals. */
  static final int TICKS = 8;

  private NiceScale() {}

  /** {lower, upper, step}: the nice bounds around [min, max] and the tick step. */
  static double[] of(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      return new double[] {0, 1, 0.125};
    }
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) / 2;
      min -= pad;
      max += pad;
    }
    double step = nice((max - min) / TICKS, true);
    double lower = Math.floor(min / step) * step;
    double upper = Math.ceil(max / step) * step;
    return new double[] {lower, upper, step};
  }

  /** The nice number near {@code x}: rounded to it, or the smallest one ≥ x when not {@code round}. */
  static double nice(double x, boolean round) {
    double exponent = Math.floor(Math.log10(x));
    double power = Math.pow(10, exponent);
    double fraction = x / power;
    double nice;
    if (round) {
      nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    }
    return nice * power;
  }
}
