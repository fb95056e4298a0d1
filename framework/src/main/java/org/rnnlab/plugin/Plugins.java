package org.rnnlab.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The plugin modules found on the class path through {@link ServiceLoader}, and the framework's
 * own module that declares an (initially empty) component map for every kind.
 */
public final class Plugins {
  private final List<PluginModule> modules;

  private Plugins(List<PluginModule> modules) {
    this.modules = List.copyOf(modules);
  }

  /** Every {@link PluginModule} announced in {@code META-INF/services}, sorted by class name. */
  public static Plugins discover(ClassLoader loader) {
    List<PluginModule> found = new ArrayList<>();
    try {
      for (PluginModule module : ServiceLoader.load(PluginModule.class, loader)) {
        found.add(module);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a plugin could not be loaded: " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(m -> m.getClass().getName()));
    return new Plugins(found);
  }

  public static Plugins of(List<PluginModule> modules) {
    return new Plugins(modules);
  }

  public List<PluginModule> modules() {
    return modules;
  }

  /** The framework module followed by every plugin module, ready for {@code Guice.createInjector}. */
  public List<Module> guiceModules() {
    List<Module> all = new ArrayList<>();
    all.add(new AbstractModule() {
      @Override
      protected void configure() {
        for (Class<?> kind : ComponentKinds.all()) {
          PluginModule.mapBinder(binder(), kind);
        }
        bind(Plugins.class).toInstance(Plugins.this);
      }
    });
    all.addAll(modules);
    return all;
  }

  /** "class (jar or directory)" for each plugin, for provenance. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (PluginModule m : modules) {
      CodeSource source = m.getClass().getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      lines.add(m.getClass().getName() + (location == null ? "" : " (" + location.getPath() + ")"));
    }
    return lines;
  }
}
