package org.rnnlab.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a Slurm client command with a time limit and keeps what it printed. */
final class Command {
  /** The most of each stream kept: a squeue of ten thousand tasks is about 300 KB. */
  private static final int MAX_BYTES = 8 << 20;

  /**
   * @param exitCode the command's exit code
   * @param out its standard output
   * @param err its standard error
   */
  record Result(int exitCode, String out, String err) {
    /** stderr's lines, else stdout's, joined into one line. */
    String words() {
      String text = err.isBlank() ? out : err;
      return String.join("; ", text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
  }

  private Command() {}

  /**
   * Runs {@code command}; throws when it cannot be started or does not end within {@code timeout}
   * (it is then killed).
   */
  static Result run(List<String> command, Duration timeout) throws IOException {
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    CompletableFuture<String> out = read(process.getInputStream()), err = read(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not answer within " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), out.get(), err.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(command.get(0) + " was interrupted");
    } catch (ExecutionException e) {
      throw new IOException(command.get(0) + ": " + e.getCause().getMessage());
    }
  }

  /** Whether {@code program} is an executable file in a directory of the PATH. */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        byte[] bytes = stream.readNBytes(MAX_BYTES);
        stream.transferTo(java.io.OutputStream.nullOutputStream()); // never block the command on a full pipe
        return new String(bytes, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
