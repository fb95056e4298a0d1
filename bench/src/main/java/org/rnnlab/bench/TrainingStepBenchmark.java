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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.math.ParallelRows;
import org.rnnlab.math.Precision;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Workers;
import org.rnnlab.nn.BatchSlices;
import org.rnnlab.nn.Network;
import org.rnnlab.plugins.cells.GruCell;
import org.rnnlab.plugins.cells.LstmCell;
import org.rnnlab.plugins.cells.RnnCell;
import org.rnnlab.plugins.clippers.NormClipper;
import org.rnnlab.plugins.initializers.GlorotInitializer;
import org.rnnlab.plugins.losses.SoftmaxCrossEntropy;
import org.rnnlab.plugins.optimizers.Adam;
import org.rnnlab.plugins.optimizers.LearningRate;
import org.rnnlab.plugins.tasks.MemoryTask;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;

/**
 * One training step of the memory task, as {@code experiment: train} runs it: sample a batch,
 * forward and BPTT, count correct positions, the gradient norm before and after global norm
 * clipping, an Adam update. Divide the time per operation by the batch size for the time per
 * training sequence.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBenchmark {
  /** rnn (tanh), lstm or gru. */
  @Param({"rnn"})
  public String cell;

  /** B, sequences per step. */
  @Param({"32"})
  public int batch;

  /** H, hidden units. */
  @Param({"50"})
  public int hidden;

  /** T = 2L + 1, steps per sequence (odd). */
  @Param({"27"})
  public int steps;

  /** Threads that run the batch's slices (BatchSlices), or a single slice's large products (ParallelRows); the numbers are the same for any count. */
  @Param({"1"})
  public int threads;

  /** FLOAT64 or FLOAT32: what the weight products run in ({@code network.precision}). */
  @Param({"FLOAT64"})
  public Precision precision;

  private MemoryTask task;
  private Network network;
  private Workers workers;
  private BatchSlices unrolled;
  private SequenceBatch sequences;
  private Loss loss;
  private Clipper clipper;
  private Optimizer optimizer;
  private SplitMix64 data;

  @Setup
  public void setUp() {
    task = new MemoryTask(new MemoryTask.Settings((steps - 1) / 2, 8));
    network = new Network(java.util.List.of(new Network.Layer(cell(cell), hidden)), task.shape(), 0, precision);
    GlorotInitializer glorot = new GlorotInitializer(new GlorotInitializer.Settings(1.0));
    network.initialize(glorot, glorot, SplitMix64.derive(1, "init"));
    ParallelRows.use(threads); // a batch of one slice splits its large products' rows instead
    workers = new Workers(threads);
    unrolled = new BatchSlices(network, batch, steps, workers);
    sequences = new SequenceBatch(task.shape(), batch);
    loss = new SoftmaxCrossEntropy(new SoftmaxCrossEntropy.Settings());
    clipper = new NormClipper(new NormClipper.Settings(1.0, NormClipper.Scope.GLOBAL));
    optimizer = adam();
    data = SplitMix64.derive(1, "train-data");
    warmUpOncePerStepCode();
  }

  /**
   * One step at T = 1001 and B = 32 takes about 90 ms, so JMH's warm-up calls the code that runs
   * once per step (the gradient's norm, clipping, Adam) only a few dozen times: too few for C2,
   * and the Vector API then runs its interpreted fallback, slowly and allocating on every call. A
   * real run makes thousands of steps; the same calls on scratch parameters compile that code as
   * they would (the JIT compiles methods, not instances), leaving the network as it was.
   */
  private void warmUpOncePerStepCode() {
    Parameters values = new Parameters(network.parameters().layout());
    Parameters gradients = new Parameters(network.parameters().layout());
    Optimizer adam = adam();
    for (int i = 0; i < 2_000; i++) {
      java.util.Arrays.fill(gradients.values(), 1); // a norm above the clipping threshold, as early in training
      gradients.norm();
      clipper.clip(gradients);
      gradients.norm();
      adam.update(values, gradients);
    }
  }

  /** Adam at 0.001, constant: the step's optimizer (and the warm-up's own). */
  private static Optimizer adam() {
    return new Adam(new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, LearningRate.Schedule.CONSTANT));
  }

  static Cell cell(String name) {
    return switch (name) {
      case "rnn" -> new RnnCell(new RnnCell.Settings(RnnCell.Activation.TANH));
      case "lstm" -> new LstmCell(new LstmCell.Settings(1.0));
      case "gru" -> new GruCell(new GruCell.Settings(GruCell.ResetGate.AFTER));
      default -> throw new IllegalArgumentException("no cell " + name);
    };
  }

  @TearDown
  public void tearDown() {
    workers.close();
    ParallelRows.use(1);
  }

  @Benchmark
  public double trainingStep() {
    task.sample(sequences, data);
    double value = unrolled.lossAndGradient(sequences, loss);
    long correct = unrolled.countCorrect(sequences);
    Parameters gradients = network.gradients();
    double before = gradients.norm();
    clipper.clip(gradients);
    double after = gradients.norm();
    optimizer.update(network.parameters(), gradients);
    return value + correct + before + after;
  }
}
