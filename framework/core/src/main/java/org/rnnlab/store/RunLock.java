package org.rnnlab.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on {@code <run>/lock}, held by the process that runs or resumes the run for as
 * long as it does. The kernel drops it when that process dies however it dies, so on the same
 * machine "is anyone still running this?" has an exact answer, a stopped (SIGSTOP) or suspended
 * process included. Two resumes of one run cannot both start.
 *
 * <p>The holder removes the file when it lets go, so a run that ended leaves no {@code lock}
 * behind; a run killed hard leaves it, unlocked, which is how {@code ./run list} tells it apart.
 *
 * <p>POSIX locks belong to a process and closing any descriptor of the file drops them, so a run
 * this JVM holds is answered from memory and its file is never opened a second time here.
 */
public final class RunLock implements AutoCloseable {
  /** What a look at a run's lock tells. */
  public enum State {
    /** A live process holds it. */
    HELD,
    /** Nobody holds it: whoever ran the run is gone. */
    FREE,
    /** No lock file (a run of an older rnnlab) or it cannot be opened: ask something else. */
    UNKNOWN
  }

  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final FileChannel channel;

  private RunLock(Path directory, FileChannel channel) {
    this.directory = directory;
    this.channel = channel;
  }

  /**
   * Takes the lock of {@code runDirectory}, creating the file.
   *
   * @return the lock, or null when another process (or this one) holds it
   */
  public static RunLock tryAcquire(Path runDirectory) throws IOException {
    Path directory = runDirectory.toAbsolutePath().normalize();
    if (!HELD_HERE.add(directory)) {
      return null;
    }
    FileChannel channel = null;
    try {
      Path file = directory.resolve(RunFiles.LOCK);
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(RunFiles.LOCK + " is not a regular file"); // a FIFO would block the open
      }
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        HELD_HERE.remove(directory);
        return null;
      }
      return new RunLock(directory, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      HELD_HERE.remove(directory);
      throw e;
    }
  }

  /** Whether someone holds the lock of {@code runDirectory}; the lock is not kept. */
  public static State state(Path runDirectory) {
    Path directory = runDirectory.toAbsolutePath().normalize();
    if (HELD_HERE.contains(directory)) {
      return State.HELD;
    }
    Path file = directory.resolve(RunFiles.LOCK);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return State.UNKNOWN;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
      if (lock == null) {
        return State.HELD;
      }
      lock.release();
      return State.FREE;
    } catch (OverlappingFileLockException e) {
      return State.HELD;
    } catch (IOException | RuntimeException e) {
      return State.UNKNOWN;
    }
  }

  /** Removes the lock file, then lets go of the lock. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(directory.resolve(RunFiles.LOCK));
    } finally {
      release();
    }
  }

  /** Lets go of the lock and keeps the file (a run directory being deleted, say). */
  public void release() throws IOException {
    try {
      channel.close();
    } finally {
      HELD_HERE.remove(directory);
    }
  }
}
