package org.rnnlab.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) into a request to stop: the
 * running experiment sees it within about 100 ms of work, ends with status interrupted and closes
 * its files. A second Ctrl-C ends the process at once (the run then stays "running" in its summary,
 * which {@code list} shows as incomplete).
 */
public final class StopSignal {
  private final AtomicBoolean requested = new AtomicBoolean();

  /** A new signal, routed from SIGINT, SIGTERM and SIGHUP when {@code install} (the command line does; tests don't). */
  public static StopSignal forInvocation(boolean install) {
    StopSignal stop = new StopSignal();
    if (install) {
      stop.install();
    }
    return stop;
  }

  public boolean requested() {
    return requested.get();
  }

  public void request() {
    requested.set(true);
  }

  /** Routes SIGINT, SIGTERM and SIGHUP of this JVM to {@link #request()}. */
  private void install() {
    for (String name : new String[] {"INT", "TERM", "HUP"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
          if (requested.getAndSet(true) && name.equals("INT")) {
            Runtime.getRuntime().halt(130);
          }
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // The signal is not available on this platform or is reserved by the JVM: keep the default.
      }
    }
  }
}
