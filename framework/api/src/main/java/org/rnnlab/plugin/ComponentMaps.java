package org.rnnlab.plugin;

import com.google.inject.AbstractModule;

/**
 * Declares the (possibly empty) map of components of every kind, so that the injector has one
 * even for a kind no plugin registers. Installed once, beside the plugin modules.
 */
public final class ComponentMaps extends AbstractModule {
  @Override
  protected void configure() {
    for (Class<?> kind : ComponentKinds.all()) {
      PluginModule.mapBinder(binder(), kind);
    }
  }
}
