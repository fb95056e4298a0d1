package org.rnnlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.rnnlab.plugins.clippers.NormClipper;
import org.rnnlab.plugins.initializers.GlorotInitializer;
import org.rnnlab.plugins.losses.SoftmaxCrossEntropy;
import org.rnnlab.plugins.optimizers.Adam;
import org.rnnlab.plugins.optimizers.LearningRate;
import org.rnnlab.plugins.tasks.TextTask;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;

/**
 * One training step of the character-level language model, as {@code experiment: train} runs a
 * text task: the next chunk of S characters of B streams of tinyshakespeare, the state carried from
 * the previous chunk (truncated BPTT), forward and BPTT through the stack, global norm clipping at
 * 5, an Adam update. Divide the time per operation by B × S for the time per character.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TextStepBenchmark {
  /** The LSTM layers as LAYERS x H, e.g. 2x256. */
  @Param({"2x256"})
  public String layers;

  /** B, parallel streams. */
  @Param({"32"})
  public int batch;

  /** S, characters per chunk. */
  @Param({"64"})
  public int chunk;

  /** Threads that run the batch's slices (BatchSlices), or a single slice's large products (ParallelRows); the numbers are the same for any count. */
  @Param({"1"})
  public int threads;

  /** The text file (tinyshakespeare). */
  @Param({"data/tinyshakespeare.txt"})
  public String text;

  /** FLOAT64 or FLOAT32: what the weight products run in ({@code network.precision}). */
  @Param({"FLOAT64"})
  public Precision precision;

  private TextTask task;
  private Network network;
  private Workers workers;
  private BatchSlices unrolled;
  private SequenceBatch sequences;
  private Loss loss;
  private Clipper clipper;
  private Optimizer optimizer;
  private long chunks;
  private long next;

  @Setup
  public void setUp() {
    ParallelRows.use(threads); // a batch of one slice splits its large products' rows instead
    workers = new Workers(threads);
    task = new TextTask(new TextTask.Settings(Path.of(text).toAbsolutePath().toString(), chunk, 0.1, ""));
    String[] lh = layers.split("x");
    List<Network.Layer> stack = new ArrayList<>();
    for (int l = 0; l < Integer.parseInt(lh[0]); l++) {
      stack.add(new Network.Layer(TrainingStepBenchmark.cell("lstm"), Integer.parseInt(lh[1])));
    }
    network = new Network(stack, task.shape(), 0, precision);
    GlorotInitializer glorot = new GlorotInitializer(new GlorotInitializer.Settings(1.0));
    network.initialize(glorot, glorot, SplitMix64.derive(1, "init"));
    unrolled = new BatchSlices(network, batch, task.shape().steps(), workers);
    sequences = new SequenceBatch(task.shape(), batch);
    loss = new SoftmaxCrossEntropy(new SoftmaxCrossEntropy.Settings());
    clipper = new NormClipper(new NormClipper.Settings(5.0, NormClipper.Scope.GLOBAL));
    optimizer = new Adam(new Adam.Settings(2e-3, 0.9, 0.999, 1e-8, LearningRate.Schedule.CONSTANT));
    chunks = task.chunksPerPass(batch);
  }

  @TearDown
  public void tearDown() {
    workers.close();
    ParallelRows.use(1);
  }

  @Benchmark
  public double trainingStep() {
    if (next % chunks == 0) {
      unrolled.resetState();
    } else {
      unrolled.carryState();
    }
    task.trainingChunk(sequences, next++ % chunks);
    double value = unrolled.lossAndGradient(sequences, loss);
    Parameters gradients = network.gradients();
    double before = gradients.norm();
    clipper.clip(gradients);
    optimizer.update(network.parameters(), gradients);
    return value + before;
  }
}
