package org.rnnlab.app;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Cell;

/** A plugin that registers a cell under a name rnnlab's own cells take: packed into a jar by {@link PluginJarsTest}. */
public final class ClashingPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Cell.class, "rnn", "another rnn", LinearCell.Settings.class, LinearCell::new);
  }
}
