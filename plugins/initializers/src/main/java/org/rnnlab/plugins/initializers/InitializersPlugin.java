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
  }
}
