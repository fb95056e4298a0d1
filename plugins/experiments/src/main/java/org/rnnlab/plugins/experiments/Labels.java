package org.rnnlab.plugins.experiments;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.plugin.Configured;

/** Short names for configured components in tables and legends: the type, plus settings where types repeat. */
final class Labels {
  private Labels() {}

  /**
   * One label per component: its type name when that is unique in the list, else the type name
   * with its settings, e.g. {@code rnn activation=relu}.
   */
  static List<String> of(List<? extends Configured<?>> components) {
    List<String> labels = new ArrayList<>();
    for (Configured<?> c : components) {
      long sameType = components.stream().filter(o -> o.name().equals(c.name())).count();
      labels.add(sameType == 1 ? c.name() : withSettings(c));
    }
    return labels;
  }

  private static String withSettings(Configured<?> c) {
    StringBuilder s = new StringBuilder(c.name());
    c.settingsMap().forEach((key, value) -> s.append(' ').append(key).append('=').append(value));
    return s.toString();
  }
}
