package org.rnnlab.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Text;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.run.ExitCodes;
import picocli.CommandLine;

/**
 * The {@code ./run} command line: the plugins found (class path and plugin path), one Guice
 * injector, picocli for the arguments. Bad input, wherever it is found, is one line on stderr
 * and exit code 2.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream err = stderr();
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.exit(execute(args, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true)));
  }

  /**
   * Where messages for the user go. The launcher passes the real stderr as another file descriptor
   * ({@code -Drnnlab.stderr.fd=3}) because the JVM's own stderr runs through a filter that hides
   * the JVM's notice about the incubator module (see {@code run}); writing there directly keeps
   * every message in order and complete when the process ends. Without the property: System.err.
   */
  static PrintStream stderr() {
    String fd = System.getProperty("rnnlab.stderr.fd");
    if (fd != null) {
      try {
        FileDescriptor descriptor = new FileDescriptor();
        Field field = FileDescriptor.class.getDeclaredField("fd");
        field.setAccessible(true); // the launcher opens java.io for this
        field.setInt(descriptor, Integer.parseInt(fd));
        PrintStream stream = new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
        System.setErr(stream);
        return stream;
      } catch (ReflectiveOperationException | RuntimeException e) {
        // Not opened to us (run without the launcher): the JVM's stderr it is.
      }
    }
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  /** Runs the command line and returns its exit code (never calls {@code System.exit}). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Injector injector;
    try {
      Path home = RunCommand.home();
      Plugins plugins = Plugins.discover(Main.class.getClassLoader(),
          PluginPath.of(args, home, System.getenv(PluginPath.VARIABLE)));
      injector = Guice.createInjector(plugins.guiceModules());
    } catch (ConfigException e) {
      err.println("rnnlab: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    } catch (RuntimeException e) {
      err.println("rnnlab: the plugins could not be loaded: " + Text.line(firstLine(e.getMessage()), 1000));
      return ExitCodes.FAILED;
    }
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type.getPackageName().equals(Main.class.getPackageName())
            ? injector.getInstance(type)
            : CommandLine.defaultFactory().create(type);
      }
    };
    CommandLine commandLine = new CommandLine(RunCommand.class, factory);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // The descriptions are written as lines of up to 100 characters; at picocli's default of 80
    // columns each was broken again mid-word ("learning_rate=0." / "003").
    commandLine.setUsageHelpWidth(110);
    commandLine.setOut(out);
    commandLine.setErr(err);
    // ./run tag RUN -old: "-old" removes a tag, it is no option (nor -o -l -d run together).
    commandLine.getSubcommands().get("tag").setUnmatchedOptionsArePositionalParams(true)
        .setPosixClusteredShortOptionsAllowed(false);
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      // A bad option or value: one line and where to read more, not the whole usage.
      err.println("rnnlab: " + Text.line(firstLine(e.getMessage()), 1000) + " (see " + commandName(e.getCommandLine())
          + " --help)");
      return ExitCodes.BAD_INPUT;
    });
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      if (e instanceof ConfigException bad) { // bad input, whichever command found it: one line
        err.println("rnnlab: " + bad.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      err.println("rnnlab: internal error: " + Text.line(e.toString(), 1000)
          + " — please report it with the command you ran");
      e.printStackTrace(err);
      return ExitCodes.FAILED;
    });
    return commandLine.execute(args);
  }

  private static String commandName(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName(" ");
    return name.startsWith("run") ? "./" + name : name;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
