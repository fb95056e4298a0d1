package org.rnnlab.plugins.sinks;

import org.rnnlab.experiment.MetricSink;
import org.rnnlab.plugin.PluginModule;

/** Metric sinks: what a run shows while it trains. ({@code metrics.csv} is the run's own file, always written.) */
public final class SinksPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(MetricSink.class, "console", "a progress line: step, chosen metrics, sequences/s, ETA",
        ConsoleSink.Settings.class, ConsoleSink::new);
    register(MetricSink.class, "chart", "PNG charts of metrics vs step, e.g. loss.png, redrawn while the run trains",
        ChartSink.Settings.class, ChartSink::new);
  }
}
