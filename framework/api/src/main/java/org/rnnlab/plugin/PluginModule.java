package org.rnnlab.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.function.Function;

/**
 * The base of every plugin: a Guice module that registers components. A plugin jar announces its
 * module in {@code META-INF/services/org.rnnlab.plugin.PluginModule}; {@code ./run} finds it with
 * {@link java.util.ServiceLoader}, on its class path or in a plugin directory ({@code plugins.d/},
 * {@code ~/.rnnlab/plugins}, {@code --plugin-path}), and installs it into the injector. A module
 * must have a public no-argument constructor and only register components.
 *
 * <pre>{@code
 * public final class CellsPlugin extends PluginModule {
 *   protected void configure() {
 *     register(Cell.class, "rnn", "Elman cell h_t = act(W x_t + U h_{t-1} + b)",
 *         RnnCell.Settings.class, RnnCell::new);
 *   }
 * }
 * }</pre>
 */
public abstract class PluginModule extends AbstractModule {

  /**
   * Registers a component under {@code name} (YAML's {@code type:}) in the {@code MapBinder} of its
   * kind. Two plugins registering the same kind and name fail when the injector is built.
   *
   * @param kind one of the SPI interfaces, e.g. {@code Cell.class}
   * @param settings the record of its settings, each component annotated with {@link
   *     org.rnnlab.plugin.Setting}
   * @param factory makes a configured instance; called once per use (e.g. per network)
   */
  protected final <T, S extends Record> void register(
      Class<T> kind, String name, String description, Class<S> settings, Function<? super S, ? extends T> factory) {
    mapBinder(binder(), kind).addBinding(name)
        .toInstance(ComponentType.of(kind, name, description, settings, factory, getClass()));
  }

  /** The map of components of {@code kind}; declared by the framework for every kind, possibly empty. */
  @SuppressWarnings("unchecked")
  static <T> MapBinder<String, ComponentType<?>> mapBinder(com.google.inject.Binder binder, Class<T> kind) {
    TypeLiteral<ComponentType<?>> value =
        (TypeLiteral<ComponentType<?>>) TypeLiteral.get(Types.newParameterizedType(ComponentType.class, kind));
    return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), value);
  }
}
