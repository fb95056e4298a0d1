package org.rnnlab.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Where and with what a run was made: written to {@code provenance.yaml} before step 1 and again at the end. */
public final class Provenance {
  private Provenance() {}

  /** The rnnlab version the build stamped, or "unknown". */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/org/rnnlab/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  /**
   * Collects the facts of this process.
   *
   * @param home the rnnlab checkout (for the git commit), or null
   * @param commandLine the command as the user gave it
   * @param plugins the loaded plugin modules
   */
  public static Map<String, Object> collect(Path home, List<String> commandLine, List<String> plugins, OffsetDateTime start) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rnnlab_version", version());
    p.put("git", git(home));
    p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.name") + ")");
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    p.put("cpu", cpu());
    p.put("cores", Runtime.getRuntime().availableProcessors());
    p.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    p.put("host", host());
    p.put("user", System.getProperty("user.name"));
    p.put("working_directory", Path.of("").toAbsolutePath().toString());
    p.put("command_line", commandLine(commandLine));
    p.put("start", start.toString());
    p.put("end", null);
    p.put("plugins", plugins);
    return p;
  }

  /**
   * The command line as a shell would take it back: a word with anything but letters, digits and
   * {@code -_./=:,+@%} in single quotes (a quote inside as {@code '\''}).
   */
  public static String commandLine(List<String> words) {
    StringBuilder s = new StringBuilder();
    for (String w : words) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(w.matches("[A-Za-z0-9_./=:,+@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
    }
    return s.toString();
  }

  private static Map<String, Object> git(Path home) {
    Map<String, Object> g = new LinkedHashMap<>();
    String commit = home == null ? null : run(home, "git", "rev-parse", "HEAD");
    if (commit == null || !commit.matches("[0-9a-f]{40}")) {
      g.put("commit", "unknown (not a git checkout)");
      return g;
    }
    String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
    g.put("commit", commit);
    g.put("dirty", status == null ? "unknown" : !status.isBlank());
    return g;
  }

  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  /** The host name (from $HOSTNAME or /etc/hostname), or "unknown". */
  public static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return Files.readString(Path.of("/etc/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Output of a short command, or null when it fails or takes over 5 s. */
  private static String run(Path dir, String... command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
