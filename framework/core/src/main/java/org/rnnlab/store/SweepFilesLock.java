package org.rnnlab.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Taken, waiting for it, by whoever rewrites a sweep's own files ({@code sweep.yaml}, {@code
 * sweep.csv}, its charts) from its points: the Slurm tasks of a sweep end on several machines at
 * once, and a slow writer must not put an older picture over a newer one. On a file system that
 * cannot lock, the files are rewritten without it (each write is still atomic).
 */
public final class SweepFilesLock implements AutoCloseable {
  /** One holder per JVM: the kernel's lock belongs to the process, not the thread. */
  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  private final FileChannel channel;

  private SweepFilesLock(FileChannel channel) {
    this.channel = channel;
  }

  /** Waits for, and takes, the lock of {@code sweepDirectory}'s files. */
  public static SweepFilesLock take(Path sweepDirectory) {
    IN_THIS_JVM.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(sweepDirectory.resolve(RunFiles.SWEEP_FILES_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      FileLock lock = channel.lock();
      return new SweepFilesLock(lock.channel());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing held
        }
      }
      return new SweepFilesLock(null); // no locks here: atomic writes alone
    }
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // closing drops the lock in any case
    } finally {
      IN_THIS_JVM.unlock();
    }
  }
}
