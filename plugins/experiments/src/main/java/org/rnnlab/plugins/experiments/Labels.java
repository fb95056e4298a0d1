package org.rnnlab.plugins.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rnnlab.plugin.Configured;

/** Short names for configured components in tables and legends: the type, plus settings where types repeat. */
final class Labels {
  private Labels() {}

  /**
   * One label per component: its type name when that is unique in the list, else the type name
   * with the settings in which the components of that type differ, e.g. {@code rnn
   * activation=relu} (not the settings they share).
   */
  static List<String> of(List<? extends Configured<?>> components) {
    List<String> labels = new ArrayList<>();
    for (Configured<?> c : components) {
      List<Configured<?>> sameType = components.stream().filter(o -> o.name().equals(c.name()))
          .<Configured<?>>map(o -> o).toList();
      labels.add(sameType.size() == 1 ? c.name() : withSettings(c, sameType));
    }
    return labels;
  }

  private static String withSettings(Configured<?> c, List<Configured<?>> sameType) {
    StringBuilder s = new StringBuilder(c.name());
    c.settingsMap().forEach((key, value) -> {
      if (sameType.stream().anyMatch(o -> !Objects.equals(o.settingsMap().get(key), value))) {
        s.append(' ').append(key).append('=').append(value);
      }
    });
    return s.toString();
  }
}
