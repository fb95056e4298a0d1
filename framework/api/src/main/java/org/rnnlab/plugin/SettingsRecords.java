package org.rnnlab.plugin;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How settings records read in YAML: a component {@code maxNorm} is the key {@code max_norm}, an
 * enum constant {@code NO_CLIP} is {@code no-clip}, and a bound record renders back to plain maps,
 * lists and scalars (the resolved config of a run is this rendering).
 */
public final class SettingsRecords {
  private SettingsRecords() {}

  /** {@code maxNorm} → {@code max_norm}. */
  public static String key(RecordComponent component) {
    return component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** {@code NO_CLIP} → {@code no-clip}. */
  public static String enumName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The value of a bound settings tree as plain maps (keys in declaration order), lists and
   * scalars; a {@link Configured} component as a map of {@code type} and its settings.
   */
  public static Object render(Object value) {
    if (value instanceof Configured<?> configured) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("type", configured.name());
      map.putAll(renderRecord(configured.settings()));
      return map;
    }
    if (value instanceof Record record) {
      return renderRecord(record);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(render(item));
      }
      return out;
    }
    if (value instanceof Enum<?> e) {
      return enumName(e);
    }
    return value;
  }

  /** A settings record as a map from YAML key to rendered value. */
  public static Map<String, Object> renderRecord(Record record) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        map.put(key(c), render(c.getAccessor().invoke(record)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read setting " + c.getName() + " of " + record.getClass().getName(), e);
      }
    }
    return map;
  }
}
