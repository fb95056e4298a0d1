package org.rnnlab.plugins.cells;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Cell;

/** The recurrent cells. */
public final class CellsPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Cell.class, "rnn", "Elman RNN: h_t = act(W x_t + U h_{t-1} + b), act tanh or relu",
        RnnCell.Settings.class, RnnCell::new);
  }
}
