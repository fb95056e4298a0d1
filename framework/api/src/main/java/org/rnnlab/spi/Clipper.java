package org.rnnlab.spi;


/**
 * Rescales gradients after backpropagation through time and before the optimizer, against
 * exploding gradients (Pascanu, Mikolov &amp; Bengio 2013). Chosen by {@code clipper}. The runner
 * records the global gradient norm before and after every call.
 */
public interface Clipper {

  /**
   * Clips {@code gradients} in place (modified). Layers are {@code gradients.layout().layers()}
   * (the cell, the readout).
   */
  void clip(Parameters gradients);
}
