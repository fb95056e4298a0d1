package org.rnnlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.math.Dense;
import org.rnnlab.math.FloatDense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.Precision;
import org.rnnlab.math.SplitMix64;

/**
 * The machine's ceiling for the work a training step is made of: one dense product C (m×n) += A
 * (m×k) · B (k×n) by our own register-blocked kernel, on one thread, at shapes whose operands stay
 * in the caches. Its FLOP rate (2·m·k·n per operation) is what every row of {@code ./run bench} is
 * read against: a training step also runs the small products, the gates, softmax and Adam. In
 * float32 the same product over floats ({@link FloatDense}): the ceiling of {@code
 * network.precision: float32} rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class CeilingBenchmark {

  /** m×k×n. */
  @Param({"256x256x32"})
  public String shape;

  /** FLOAT64 or FLOAT32. */
  @Param({"FLOAT64"})
  public Precision precision;

  private MatrixView a, b, c;
  private float[] af, bf, cf;
  private int m, k, n;

  @Setup
  public void setUp() {
    String[] mkn = shape.split("x");
    m = Integer.parseInt(mkn[0]);
    k = Integer.parseInt(mkn[1]);
    n = Integer.parseInt(mkn[2]);
    SplitMix64 random = new SplitMix64(1);
    a = MatrixView.zeros(m, k);
    b = MatrixView.zeros(k, n);
    c = MatrixView.zeros(m, n);
    for (MatrixView x : new MatrixView[] {a, b}) {
      for (int i = 0; i < x.size(); i++) {
        x.data[i] = random.nextDouble() - 0.5;
      }
    }
    af = new float[m * k];
    bf = new float[k * n];
    cf = new float[m * n];
    for (int i = 0; i < af.length; i++) {
      af[i] = (float) a.data[i];
    }
    for (int i = 0; i < bf.length; i++) {
      bf[i] = (float) b.data[i];
    }
  }

  @Benchmark
  public Object product() {
    if (precision == Precision.FLOAT32) {
      FloatDense.multAdd(af, 0, k, 1, bf, 0, cf, 0, m, k, n);
      return cf;
    }
    Dense.multAdd(a, b, c);
    return c;
  }
}
