package org.rnnlab.app;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Cell;

/**
 * The README's worked example of a plugin module, verbatim: a plugin that exists only in test code,
 * registered through {@code META-INF/services/org.rnnlab.plugin.PluginModule} like any other.
 */
public final class MyCellsPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Cell.class, "linear", "h_t = W x_t + decay · h_{t-1}", LinearCell.Settings.class, LinearCell::new);
  }
}
