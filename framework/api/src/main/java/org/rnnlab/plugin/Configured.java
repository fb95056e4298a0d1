package org.rnnlab.plugin;

import java.util.Map;

/**
 * A component chosen in YAML by its {@code type} name, with its bound settings. Settings records
 * use {@code Configured<Cell>}, {@code Configured<Optimizer>}, … for the components they name.
 *
 * @param type the registered component
 * @param settings an instance of {@code type.settingsType()}
 */
public record Configured<T>(ComponentType<T> type, Record settings) {

  /** A new instance of the component, configured by {@link #settings}. */
  public T create() {
    return type.create(settings);
  }

  /** The YAML type name. */
  public String name() {
    return type.name();
  }

  /** The settings as YAML would write them, by key (e.g. {@code activation: relu}). */
  public Map<String, Object> settingsMap() {
    return SettingsRecords.renderRecord(settings);
  }
}
