package org.rnnlab.plugins.clippers;

import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Parameters;

/** Leaves gradients as they are. */
public final class NoClipper implements Clipper {

  /** {@code none} has no settings. */
  public record Settings() {}

  public NoClipper(Settings settings) {}

  @Override
  public void clip(Parameters gradients) {}
}
