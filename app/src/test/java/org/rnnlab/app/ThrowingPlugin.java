package org.rnnlab.app;

import org.rnnlab.plugin.PluginModule;

/** A plugin module that fails while registering: packed into a jar by {@link PluginJarsTest}, never on the class path. */
public final class ThrowingPlugin extends PluginModule {
  @Override
  protected void configure() {
    throw new IllegalStateException("no GPU found");
  }
}
