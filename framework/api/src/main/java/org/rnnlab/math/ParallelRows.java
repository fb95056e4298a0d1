package org.rnnlab.math;

import java.util.concurrent.locks.LockSupport;

/**
 * Splits the rows of the large vector products over worker threads. Every element of the result
 * is computed by one thread with exactly the operations and order it has on one thread, so the
 * numbers are the same to the bit whatever the thread count: threads change the time, never a
 * result.
 *
 * <p>The workers belong to the thread that called {@link #use}: a run's experiment thread. Products
 * called from any other thread (the points of a parallel sweep, tests) run on that thread alone.
 * A product is split only when it is large enough to pay for the hand-over, which the workers
 * make cheap by spinning for a while before they park.
 */
public final class ParallelRows {
  /** Multiply-adds (m·k·n) below which a product stays on one thread: about 5 µs of work. */
  static final long MIN_WORK = 1L << 17;

  /**
   * Spins before a worker parks, and before the waiting thread starts yielding its core (a few
   * microseconds): enough to catch the next product of a training step, short enough not to starve
   * a worker on a busy machine.
   */
  private static final int SPINS = 2_000;

  private static volatile Thread owner;
  private static Worker[] workers = new Worker[0];

  private ParallelRows() {}

  /**
   * From now on the products called from the current thread use {@code threads} threads (1: no
   * worker). Starts or stops workers as needed; another thread that held them loses them.
   */
  public static synchronized void use(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (workers.length != threads - 1) {
      for (Worker w : workers) {
        w.stop();
      }
      workers = new Worker[threads - 1];
      for (int i = 0; i < workers.length; i++) {
        workers[i] = new Worker(i + 1);
      }
    }
    owner = threads == 1 ? null : Thread.currentThread();
  }

  /**
   * Runs {@code work} with the current thread's products on that thread alone: its cores are busy
   * with other work of the same step (the slices of a batch, {@link org.rnnlab.nn.BatchSlices}).
   */
  public static void alone(Runnable work) {
    Thread current = Thread.currentThread();
    if (owner != current) {
      work.run();
      return;
    }
    owner = null;
    try {
      work.run();
    } finally {
      owner = current;
    }
  }

  /** The threads the current thread's products use. */
  public static int threads() {
    return owner == Thread.currentThread() ? workers.length + 1 : 1;
  }

  /** The cores this JVM may use. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * {@link VectorDense#multAdd} over all rows, split into one contiguous range of rows per thread
   * when the product is large enough and the current thread owns the workers.
   */
  static void multAdd(double[] a, int ao, int ais, int aps, double[] b, int bo, double[] c, int co, int m, int k,
      int n) {
    Worker[] team = workers;
    if (owner != Thread.currentThread() || (long) m * k * n < MIN_WORK || m < 8 * (team.length + 1)) {
      VectorDense.multAdd(a, ao, ais, aps, b, bo, c, co, m, k, n);
      return;
    }
    int parts = team.length + 1;
    int share = (m / parts + 3) & ~3; // whole blocks of four rows each
    int from = share;
    for (int i = 0; i < team.length; i++) {
      Worker w = team[i];
      int to = i == team.length - 1 ? m : Math.min(m, from + share); // the last takes what is left
      w.start(a, ao + from * ais, ais, aps, b, bo, c, co + from * n, to - from, k, n);
      from = to;
    }
    VectorDense.multAdd(a, ao, ais, aps, b, bo, c, co, Math.min(share, m), k, n);
    RuntimeException failure = null;
    for (Worker w : team) {
      RuntimeException e = w.await();
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A daemon thread that runs one row range of a product at a time. */
  private static final class Worker implements Runnable {
    private final Thread thread;
    private volatile long posted; // jobs handed over
    private volatile long finished; // jobs done
    private volatile boolean stopped;
    private volatile boolean parked;
    private RuntimeException failure;
    private double[] a, b, c;
    private int ao, ais, aps, bo, co, m, k, n;

    Worker(int index) {
      thread = new Thread(this, "rnnlab-rows-" + index);
      thread.setDaemon(true);
      thread.start();
    }

    /** Hands over rows: the fields are written before the volatile {@code posted}, which publishes them. */
    void start(double[] a, int ao, int ais, int aps, double[] b, int bo, double[] c, int co, int m, int k, int n) {
      this.a = a;
      this.ao = ao;
      this.ais = ais;
      this.aps = aps;
      this.b = b;
      this.bo = bo;
      this.c = c;
      this.co = co;
      this.m = m;
      this.k = k;
      this.n = n;
      posted = posted + 1;
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    /** Waits for the rows handed over last; returns what they threw, or null. */
    RuntimeException await() {
      long job = posted;
      for (int spins = 0; finished != job; spins++) {
        if (spins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield(); // a busy machine: let the worker have this core
        }
      }
      RuntimeException e = failure;
      failure = null;
      return e;
    }

    void stop() {
      stopped = true;
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      long done = 0;
      while (!stopped) {
        int spins = 0;
        while (posted == done && !stopped) {
          if (++spins < SPINS) {
            Thread.onSpinWait();
          } else {
            parked = true;
            if (posted == done && !stopped) {
              LockSupport.park(this);
            }
            parked = false;
          }
        }
        if (stopped) {
          return;
        }
        try {
          if (m > 0) {
            VectorDense.multAdd(a, ao, ais, aps, b, bo, c, co, m, k, n);
          }
        } catch (RuntimeException e) {
          failure = e;
        }
        a = b = c = null; // hold no array between jobs
        done++;
        finished = done;
      }
    }
  }
}
