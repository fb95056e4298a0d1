package org.rnnlab.run;

import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Initializer;

/** The {@code network} section: a recurrent cell of H units and a linear readout. */
public record NetworkSettings(
    @Setting(value = "hidden units H", defaultValue = "50", min = 1, max = 4096)
    int hidden,
    @Setting(value = "the recurrent cell", defaultValue = "rnn")
    Configured<Cell> cell,
    @Setting(value = "initializer of the input weights W and the readout V", defaultValue = "glorot")
    Configured<Initializer> init,
    @Setting(value = "initializer of the recurrent weights U", defaultValue = "glorot")
    Configured<Initializer> recurrentInit) {}
