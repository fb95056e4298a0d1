package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running run rewrites {@code heartbeat} (the current time) every {@link #PERIOD}: a run whose
 * summary says "running" but whose heartbeat is older than {@link #STALE} is not running any more.
 * It judges runs of another machine on a shared file system, where neither the lock nor the pid can
 * be checked (see {@link RunLiveness}). One daemon thread beats for every run of the process; the
 * file is removed when the run ends.
 */
public final class Heartbeat implements AutoCloseable {
  static final Duration PERIOD = Duration.ofSeconds(10);
  static final Duration STALE = Duration.ofSeconds(90);

  private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rnnlab-heartbeat");
    t.setDaemon(true);
    return t;
  });

  private final Path file;
  private final ScheduledFuture<?> future;
  private boolean closed;

  private Heartbeat(Path file) {
    this.file = file;
    this.future = BEATS.scheduleAtFixedRate(this::beat, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts beating into {@code runDirectory/heartbeat}. */
  public static Heartbeat start(Path runDirectory) {
    return new Heartbeat(runDirectory.resolve(RunFiles.HEARTBEAT));
  }

  private synchronized void beat() {
    if (closed) {
      return;
    }
    try {
      AtomicFiles.writeString(file, Instant.now() + "\n");
    } catch (IOException | RuntimeException e) {
      // A missed beat makes the run look stale sooner; it must never disturb the run itself.
    }
  }

  /** The time of the last beat in {@code runDirectory}, or null when there is none. */
  static Instant last(Path runDirectory) {
    try {
      return Instant.parse(BoundedFiles.readString(runDirectory.resolve(RunFiles.HEARTBEAT), 200).strip());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Stops beating and removes the file: a run that ended has no heartbeat. */
  @Override
  public synchronized void close() {
    closed = true;
    future.cancel(false);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale heartbeat of an ended run is harmless: its summary says it ended
    }
  }
}
