package org.rnnlab.math;

/**
 * The precision a network's weight products run in ({@code network.precision}). In float32 the
 * products with the weight matrices run on float copies of them ({@link
 * org.rnnlab.nn.Float32Weights}); the parameters the optimizer updates, the cells' states and
 * activations, the loss and every sum over a batch stay in double.
 */
public enum Precision {
  FLOAT64,
  FLOAT32
}
