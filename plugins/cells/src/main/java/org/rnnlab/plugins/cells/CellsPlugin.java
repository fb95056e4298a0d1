package org.rnnlab.plugins.cells;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Cell;

/** The recurrent cells. */
public final class CellsPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Cell.class, "rnn", "Elman RNN: h_t = act(W x_t + U h_{t-1} + b), act tanh or relu",
        RnnCell.Settings.class, RnnCell::new);
    register(Cell.class, "lstm", "long short-term memory with forget gate (Hochreiter & Schmidhuber 1997;"
        + " Gers et al. 2000)", LstmCell.Settings.class, LstmCell::new);
    register(Cell.class, "gru", "gated recurrent unit (Cho et al. 2014), reset gate after or before U_n",
        GruCell.Settings.class, GruCell::new);
    register(Cell.class, "exprnn", "orthogonal RNN: U = exp(A), A skew-symmetric, modReLU (Lezcano-Casado &"
        + " Martínez-Rubio 2019)", ExpRnnCell.Settings.class, ExpRnnCell::new);
  }
}
