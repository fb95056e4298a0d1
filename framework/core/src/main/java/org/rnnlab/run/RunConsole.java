package org.rnnlab.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rnnlab.experiment.Console;

/**
 * The console of a run: the user's terminal (or pipe) plus {@code run.log}, which receives every
 * line, progress lines included, as plain text.
 */
public final class RunConsole implements Console, Closeable {
  private final PrintWriter out;
  private final boolean terminal;
  private BufferedWriter log;
  private boolean statusShowing;

  /**
   * @param out where the user sees the run
   * @param terminal true to update progress in place ({@code \r}); false for one line per update
   */
  public RunConsole(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Starts copying every line to {@code file}, a new file. */
  public synchronized void logTo(Path file) throws IOException {
    log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
  }

  /** Starts copying every line to the end of {@code file} (a resumed run's log). */
  public synchronized void appendLogTo(Path file) throws IOException {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      org.rnnlab.store.BoundedFiles.requireRegular(file); // a FIFO would block the open
    }
    log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public synchronized void progress(String text) {
    String line = org.rnnlab.config.Text.inert(text);
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      out.flush();
      statusShowing = true;
    } else {
      out.println(line);
      out.flush();
    }
    appendToLog(line);
  }

  @Override
  public synchronized void println(String text) {
    String line = org.rnnlab.config.Text.inert(text);
    endStatus();
    out.println(line);
    out.flush();
    appendToLog(line);
  }

  /** Writes details (e.g. a stack trace) to run.log only. */
  public synchronized void logOnly(String text) {
    appendToLog(text);
  }

  private void endStatus() {
    if (statusShowing) {
      out.println();
      statusShowing = false;
    }
  }

  private void appendToLog(String line) {
    if (log == null) {
      return;
    }
    try {
      log.write(line);
      log.newLine();
      log.flush();
    } catch (IOException e) {
      // The console has the line; a full disk must not also kill the run's console.
      log = null;
      out.println("warning: cannot write run.log: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    endStatus();
    if (log != null) {
      log.close();
      log = null;
    }
  }
}
