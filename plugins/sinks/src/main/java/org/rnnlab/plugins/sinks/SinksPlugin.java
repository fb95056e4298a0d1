package org.rnnlab.plugins.sinks;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.MetricSink;

/** Metric sinks. */
public final class SinksPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(MetricSink.class, "console", "a progress line: step, chosen metrics, sequences/s, ETA",
        ConsoleSink.Settings.class, ConsoleSink::new);
    register(MetricSink.class, "csv", "metrics.csv: header, then one flushed row per logged step",
        CsvSink.Settings.class, CsvSink::new);
    register(MetricSink.class, "chart", "PNG charts (XChart) of metrics vs step, e.g. loss.png",
        ChartSink.Settings.class, ChartSink::new);
  }
}
