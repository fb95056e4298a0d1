package org.rnnlab.math;

/**
 * Splits the rows of the large vector products over a team of {@link Workers}. Every element of
 * the result is computed by one thread with exactly the operations and order it has on one thread,
 * so the numbers are the same to the bit whatever the thread count: threads change the time, never
 * a result. A batch cut into slices ({@link org.rnnlab.nn.BatchSlices}) keeps the threads busy
 * itself; this serves a batch of one slice.
 *
 * <p>The team belongs to the thread that called {@link #use}: a run's experiment thread. Products
 * called from any other thread (the points of a parallel sweep, the slices' threads, tests) run on
 * that thread alone. A product is split only when it is large enough to pay for the hand-over.
 */
public final class ParallelRows {
  /** Multiply-adds (m·k·n) below which a product stays on one thread: about 5 µs of work. */
  static final long MIN_WORK = 1L << 17;

  private static volatile Thread owner;
  private static Workers team = Workers.single();
  private static final Rows ROWS = new Rows(); // the owner's product being split

  private ParallelRows() {}

  /**
   * From now on the products called from the current thread use {@code threads} threads (1: no
   * worker). Starts or stops workers as needed; another thread that held them loses them.
   */
  public static synchronized void use(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (team.threads() != threads) {
      team.close();
      team = threads == 1 ? Workers.single() : new Workers(threads);
    }
    owner = threads == 1 ? null : Thread.currentThread();
  }

  /** The threads the current thread's products use. */
  public static int threads() {
    return owner == Thread.currentThread() ? team.threads() : 1;
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

  /**
   * {@link VectorDense#multAdd} over all rows, split into one contiguous range of rows per thread
   * when the product is large enough and the current thread owns the team.
   */
  static void multAdd(double[] a, int ao, int ais, int aps, double[] b, int bo, double[] c, int co, int m, int k,
      int n) {
    Workers workers = team;
    int parts = workers.threads();
    if (owner != Thread.currentThread() || (long) m * k * n < MIN_WORK || m < 8 * parts) {
      VectorDense.multAdd(a, ao, ais, aps, b, bo, c, co, m, k, n);
      return;
    }
    Rows rows = ROWS; // only the owner gets here
    rows.set(a, ao, ais, aps, b, bo, c, co, m, k, n, (m / parts + 3) & ~3, parts); // whole blocks of four rows
    try {
      workers.run(parts, rows);
    } finally {
      rows.a = rows.b = rows.c = null; // hold no array between products
    }
  }

  /** One product split into row ranges: part p takes rows p·share … (the last: to m). */
  private static final class Rows implements java.util.function.IntConsumer {
    private double[] a, b, c;
    private int ao, ais, aps, bo, co, m, k, n, share, parts;

    void set(double[] a, int ao, int ais, int aps, double[] b, int bo, double[] c, int co, int m, int k, int n,
        int share, int parts) {
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
      this.share = share;
      this.parts = parts;
    }

    @Override
    public void accept(int part) {
      int from = Math.min(m, part * share), to = part == parts - 1 ? m : Math.min(m, from + share);
      if (to > from) {
        VectorDense.multAdd(a, ao + from * ais, ais, aps, b, bo, c, co + from * n, to - from, k, n);
      }
    }
  }
}
