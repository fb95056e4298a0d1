package org.rnnlab.plugin;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every registered component by kind and {@code type} name, read from the Guice {@code MapBinder}
 * maps that plugin modules contribute to. The framework looks components up here and never by a
 * name written in its own code.
 */
public final class ComponentRegistry {
  private final Map<Class<?>, Map<String, ComponentType<?>>> byKind = new LinkedHashMap<>();

  @Inject
  ComponentRegistry(Injector injector) {
    for (Class<?> kind : ComponentKinds.all()) {
      Map<String, ComponentType<?>> map = injector.getInstance(mapKey(kind));
      byKind.put(kind, Collections.unmodifiableMap(new TreeMap<>(map)));
    }
  }

  /** The component of {@code kind} named {@code name}, or null. */
  @SuppressWarnings("unchecked")
  public <T> ComponentType<T> find(Class<T> kind, String name) {
    return (ComponentType<T>) byKind.get(kind).get(name);
  }

  /** The registered names of {@code kind}, sorted. */
  public List<String> names(Class<?> kind) {
    return List.copyOf(byKind.get(kind).keySet());
  }

  /** All components of {@code kind}, sorted by name. */
  public List<ComponentType<?>> components(Class<?> kind) {
    return List.copyOf(byKind.get(kind).values());
  }

  /** The Guice key of the map of components of {@code kind}, by type name. */
  @SuppressWarnings("unchecked")
  static Key<Map<String, ComponentType<?>>> mapKey(Class<?> kind) {
    return (Key<Map<String, ComponentType<?>>>)
        Key.get(Types.mapOf(String.class, Types.newParameterizedType(ComponentType.class, kind)));
  }
}
