package org.rnnlab.plugin;

import java.util.Objects;
import java.util.function.Function;

/**
 * A component a plugin registers: its kind (one of the SPI interfaces), the {@code type} name
 * YAML chooses it by, a one-line description, its settings record, a factory, and the plugin
 * module that registered it (whose jar {@code ./run plugins} shows as its origin).
 */
public final class ComponentType<T> {
  private final Class<T> kind;
  private final String name;
  private final String description;
  private final Class<? extends Record> settingsType;
  private final Function<Record, ? extends T> factory;
  private final Class<?> plugin;

  private <S extends Record> ComponentType(Class<T> kind, String name, String description, Class<S> settingsType,
      Function<? super S, ? extends T> factory, Class<?> plugin) {
    this.plugin = Objects.requireNonNull(plugin);
    this.kind = Objects.requireNonNull(kind);
    this.name = Objects.requireNonNull(name);
    this.description = Objects.requireNonNull(description);
    this.settingsType = Objects.requireNonNull(settingsType);
    this.factory = settings -> factory.apply(settingsType.cast(settings));
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("component names are lower-case words joined by '-', got '" + name + "'");
    }
  }

  /**
   * @param plugin the class of the plugin module that registers it
   */
  public static <T, S extends Record> ComponentType<T> of(Class<T> kind, String name, String description,
      Class<S> settingsType, Function<? super S, ? extends T> factory, Class<?> plugin) {
    return new ComponentType<>(kind, name, description, settingsType, factory, plugin);
  }

  /** The plugin module that registered it. */
  public Class<?> plugin() {
    return plugin;
  }

  public Class<T> kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public Class<? extends Record> settingsType() {
    return settingsType;
  }

  /** A new instance configured by {@code settings} (an instance of {@link #settingsType()}). */
  public T create(Record settings) {
    return factory.apply(settings);
  }

  @Override
  public String toString() {
    return ComponentKinds.displayName(kind) + " '" + name + "'";
  }
}
