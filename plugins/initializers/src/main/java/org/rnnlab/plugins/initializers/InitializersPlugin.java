package org.rnnlab.plugins.initializers;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Initializer;

/** Weight initializers. */
public final class InitializersPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Initializer.class, "glorot", "uniform ±gain·√(6/(fan_in+fan_out)) (Glorot & Bengio 2010)",
        GlorotInitializer.Settings.class, GlorotInitializer::new);
    register(Initializer.class, "zeros", "all weights 0", ZerosInitializer.Settings.class, ZerosInitializer::new);
    register(Initializer.class, "orthogonal", "a random orthogonal matrix times gain (Saxe et al. 2014)",
        OrthogonalInitializer.Settings.class, OrthogonalInitializer::new);
    register(Initializer.class, "identity", "scale · I; with relu as recurrent init, the IRNN (Le et al. 2015)",
        IdentityInitializer.Settings.class, IdentityInitializer::new);
  }
}
