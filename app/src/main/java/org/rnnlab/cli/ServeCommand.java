package org.rnnlab.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Text;
import org.rnnlab.run.Sampler;
import org.rnnlab.web.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run serve}: the archive as a live dashboard in the browser. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serves the archive as a live dashboard for the browser, on 127.0.0.1 unless told otherwise.",
    description = {
      "Serves the archive as web pages: every run and sweep (sort, filter by status, name and tag, tick runs",
      "to compare), a run's charts growing while it trains, its config, provenance and files, comparisons",
      "with ± std bands over seeds, and sweeps. It reads runs as list and compare do and never writes to one,",
      "except the tags and notes changed on its pages. Ctrl-C stops it.",
      "",
      "  ./run serve                  then open http://127.0.0.1:8080/",
      "  ./run serve --port 0         a free port (printed)"
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunsDirectory runs;

  @Option(names = "--port", paramLabel = "PORT", description = "The port (default: 8080; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "The address to listen on (default: 127.0.0.1, this machine only). Any other lets others"
          + " read the archive and change tags and notes; a warning says so.")
  String host = "127.0.0.1";

  @Mixin PluginPath pluginPath;

  private final Sampler sampler;

  @Inject
  ServeCommand(Sampler sampler) {
    this.sampler = sampler;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new ConfigException(Origin.of("--port"), "", "expected 0..65535 (0: a free port), got " + port);
    }
    InetAddress address;
    try {
      if (host.isBlank()) {
        throw new UnknownHostException();
      }
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException(Origin.of("--host"), "", "'" + Text.line(host, 100) + "' is not an address or a host"
          + " name this machine can resolve; 127.0.0.1 serves this machine only");
    }
    Path archive = runs.resolve();
    if (Files.exists(archive) && !Files.isDirectory(archive)) {
      throw new ConfigException(Origin.of(archive.toString()), "", "not a directory; --runs-dir names the archive");
    }
    Dashboard dashboard;
    try {
      dashboard = Dashboard.start(address, port, archive, sampler, err);
    } catch (BindException e) {
      String reason = Text.line(String.valueOf(e.getMessage()), 200);
      if (reason.contains("Cannot assign requested address")) { // EADDRNOTAVAIL: no interface of this machine has it
        throw new ConfigException(Origin.of("--host"), "", "cannot listen on " + Text.line(host, 100) + " (" + reason
            + "): not an address of this machine; 127.0.0.1 serves this machine only, 0.0.0.0 every interface");
      }
      throw new ConfigException(Origin.of("--port"), "", "cannot listen on " + Text.line(host, 100) + " port " + port
          + " (" + reason + "); --port 0 picks a free port");
    } catch (IOException e) {
      throw new ConfigException(Origin.of("--host"), "", "cannot serve on " + Text.line(host, 100) + " port " + port
          + ": " + Text.line(String.valueOf(e.getMessage()), 200));
    }
    if (!address.isLoopbackAddress()) {
      err.println("rnnlab: warning: serving on " + Text.line(host, 100) + ", not 127.0.0.1: anyone who can reach"
          + " this address can read every run and change tags and notes");
    }
    out.println("rnnlab dashboard of " + Text.line(archive.toAbsolutePath().normalize().toString(), 300) + " at "
        + dashboard.url() + " (Ctrl-C stops it)");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dashboard.close();
      out.println("dashboard stopped");
      out.flush();
      stopped.countDown();
    }, "rnnlab-serve-stop"));
    stopped.await();
    return 0;
  }
}
