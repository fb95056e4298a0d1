package org.rnnlab.math;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs jobs 0 … n − 1 side by side, the calling thread taking part:
 * with T threads (at most as many as jobs), thread r runs jobs r, r + T, r + 2T, … in ascending order. Which thread runs a
 * job never changes what it computes; callers that combine the jobs' results do so afterwards, in
 * job order, so that the numbers do not depend on T ({@link org.rnnlab.nn.BatchSlices}).
 *
 * <p>A training step hands over one job per slice of its batch, hundreds of times a second, so the
 * workers spin for a few microseconds before they park, and the waiting thread yields its core
 * once it has spun that long (a busy machine). Workers are daemon threads; {@link #close} stops
 * them.
 */
public final class Workers implements AutoCloseable {
  /** Spins before a worker parks, and before the waiting thread starts yielding its core. */
  private static final int SPINS = 20_000;

  private final Worker[] team;
  private volatile boolean closed;

  /** A team of {@code threads} threads: the caller and threads − 1 workers. */
  public Workers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    team = new Worker[threads - 1];
    for (int i = 0; i < team.length; i++) {
      team[i] = new Worker(i + 1);
    }
  }

  /** One thread, the caller's: runs every job itself, starts no thread. */
  public static Workers single() {
    return SINGLE;
  }

  private static final Workers SINGLE = new Workers(1);

  /** The threads, the caller's included. */
  public int threads() {
    return team.length + 1;
  }

  /** The cores this JVM may use. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs {@code job.accept(i)} for i = 0 … jobs − 1 and returns when all have ended; rethrows the
   * first (by thread) exception or error a job threw, after every thread has finished its share.
   */
  public void run(int jobs, IntConsumer job) {
    if (team.length == 0 || jobs == 1) {
      for (int j = 0; j < jobs; j++) {
        job.accept(j);
      }
      return;
    }
    if (closed) {
      throw new IllegalStateException("this team of threads was closed");
    }
    int helpers = Math.min(team.length, jobs - 1);
    for (int i = 0; i < helpers; i++) {
      team[i].start(job, jobs, helpers + 1);
    }
    Throwable failure = null;
    try {
      for (int j = 0; j < jobs; j += helpers + 1) {
        job.accept(j);
      }
    } catch (Throwable e) { // an Error too: the helpers are awaited before anything is rethrown
      failure = e;
    } finally {
      for (int i = 0; i < helpers; i++) {
        Throwable e = team[i].await();
        failure = failure == null ? e : failure;
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  /** Stops the workers; {@link #run} refuses from then on. */
  @Override
  public void close() {
    closed = true;
    for (Worker w : team) {
      w.stop();
    }
  }

  /** A daemon thread that runs its share of one {@link #run} at a time. */
  private static final class Worker implements Runnable {
    private final int index;
    private final Thread thread;
    private volatile long posted; // runs handed over
    private volatile long finished; // runs done
    private volatile boolean stopped;
    private volatile boolean parked;
    private Throwable failure;
    private IntConsumer job;
    private int jobs;
    private int stride;

    Worker(int index) {
      this.index = index;
      thread = new Thread(this, "rnnlab-worker-" + index);
      thread.setDaemon(true);
      thread.start();
    }

    /** Hands over a run: the fields are written before the volatile {@code posted}, which publishes them. */
    void start(IntConsumer job, int jobs, int stride) {
      this.job = job;
      this.jobs = jobs;
      this.stride = stride;
      posted = posted + 1;
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    /** Waits for the run handed over last; returns what it threw, or null. */
    Throwable await() {
      long run = posted;
      for (int spins = 0; finished != run; spins++) {
        if (spins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable e = failure;
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
      while (true) {
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
        if (posted == done) { // stopped, and no run waits for this worker
          return;
        }
        try {
          for (int j = index; j < jobs; j += stride) {
            job.accept(j);
          }
        } catch (Throwable e) { // an Error too, so that the waiting thread is told, never left waiting
          failure = e;
        }
        job = null; // hold nothing between runs
        done++;
        finished = done;
      }
    }
  }
}
