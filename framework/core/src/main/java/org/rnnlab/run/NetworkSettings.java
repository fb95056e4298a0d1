package org.rnnlab.run;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.math.Precision;
import org.rnnlab.nn.Network;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Initializer;

/**
 * The {@code network} section: recurrent layers and a linear readout. One layer is {@code cell}
 * with {@code hidden} units; {@code layers} stacks several instead (e.g. two LSTM layers of 256).
 */
public record NetworkSettings(
    @Setting(value = "hidden units H (of the one layer; see layers)", defaultValue = "50", min = 1, max = 4096)
    int hidden,
    @Setting(value = "the recurrent cell (of the one layer; see layers)", defaultValue = "rnn")
    Configured<Cell> cell,
    @Setting(value = "stacked layers, bottom first, e.g. [{cell: lstm, hidden: 256}, {cell: lstm, hidden: 256}];"
        + " when given, hidden and cell above are not used", defaultValue = "[]")
    List<LayerSettings> layers,
    @Setting(value = "probability of dropping a unit between layers and before the readout, in training only"
        + " (Zaremba et al. 2014)", defaultValue = "0", min = 0, max = 0.95)
    double dropout,
    @Setting(value = "initializer of the input weights W and the readout V", defaultValue = "glorot")
    Configured<Initializer> init,
    @Setting(value = "initializer of the recurrent weights U", defaultValue = "glorot")
    Configured<Initializer> recurrentInit,
    @Setting(value = "what the products with the weight matrices run in: float32 computes U h, V h, W x from a"
        + " layer below and their gradients on float copies of the weights (twice the SIMD lanes); parameters, states, activations,"
        + " the loss and Adam's moments stay float64; for train and what reads its checkpoints (the gradient"
        + " check and the gradient-growth study run in float64)",
        defaultValue = "float64")
    Precision precision) {

  /** One layer of a stack. */
  public record LayerSettings(
      @Setting(value = "hidden units of the layer", min = 1, max = 4096)
      int hidden,
      @Setting(value = "the layer's cell", defaultValue = "rnn")
      Configured<Cell> cell) {}

  /** The layers of the network, new cell instances: {@code layers}, or the one of {@code cell} and {@code hidden}. */
  public List<Network.Layer> networkLayers() {
    if (layers.isEmpty()) {
      return List.of(new Network.Layer(cell.create(), hidden));
    }
    List<Network.Layer> out = new ArrayList<>();
    layers.forEach(l -> out.add(new Network.Layer(l.cell().create(), l.hidden())));
    return out;
  }
}
