package org.rnnlab.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import org.rnnlab.plugin.Plugins;
import picocli.CommandLine;

/** The {@code ./run} command line: one Guice injector per invocation, picocli for the arguments. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns its exit code (never calls {@code System.exit}). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Injector injector;
    try {
      injector = Guice.createInjector(Plugins.discover(Main.class.getClassLoader()).guiceModules());
    } catch (RuntimeException e) {
      err.println("rnnlab: the plugins could not be loaded: " + firstLine(e.getMessage()));
      return 1;
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
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      err.println("rnnlab: internal error: " + e + " — please report it with the command you ran");
      e.printStackTrace(err);
      return 1;
    });
    return commandLine.execute(args);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
