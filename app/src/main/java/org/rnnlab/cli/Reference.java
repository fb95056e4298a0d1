package org.rnnlab.cli;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Schema;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.plugin.ComponentKinds;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.ComponentType;
import org.rnnlab.plugin.Setting;
import org.rnnlab.cluster.LauncherSettings;
import org.rnnlab.run.RunConfig;
import org.rnnlab.sweep.MapSettings;

/**
 * The config reference, generated from the settings records: the top-level keys, then every
 * registered component with its settings (type, default, range, description) and, as text, the
 * jar or directory it was loaded from. Printed by {@code ./run plugins} as text or Markdown
 * ({@code docs/reference.md} is this Markdown for the built-in plugins).
 */
final class Reference {
  private final ComponentRegistry registry;
  private final boolean markdown;
  private final boolean builtInOnly;
  private final StringBuilder out = new StringBuilder();

  /** The package of the plugins rnnlab ships. */
  static final String BUILT_IN = "org.rnnlab.plugins.";

  Reference(ComponentRegistry registry, boolean markdown, boolean builtInOnly) {
    this.registry = registry;
    this.markdown = markdown;
    this.builtInOnly = builtInOnly;
  }

  String render() {
    if (markdown) {
      out.append("# Config reference\n\nEvery setting of an experiment file, generated from the settings records by `./run plugins"
          + " --markdown" + (builtInOnly ? " --built-in > docs/reference.md` (a test checks that this file is current)"
          : "`") + ". Keys are YAML keys; a component is chosen by `type:` and configured by the keys beside it.\n");
    }
    heading("Top level");
    settings(RunConfig.class, "");
    for (Class<?> kind : ComponentKinds.all()) {
      String plural = ComponentKinds.pluralName(kind);
      heading(Character.toUpperCase(plural.charAt(0)) + plural.substring(1) + kindKeys(kind));
      List<ComponentType<?>> components = registry.components(kind).stream()
          .filter(c -> !builtInOnly || c.plugin().getName().startsWith(BUILT_IN)).toList();
      if (components.isEmpty()) {
        line(markdown ? "_none registered_" : "  (none registered)");
      }
      for (ComponentType<?> component : components) {
        if (markdown) {
          out.append("\n**`").append(component.name()).append("`** — ").append(component.description()).append("\n\n");
        } else {
          out.append("  ").append(component.name()).append(" — ").append(component.description()).append('\n');
          out.append("      from ").append(Plugins.origin(component.plugin())).append('\n');
        }
        settings(component.settingsType(), "");
      }
    }
    heading(markdown ? "Launcher — `launcher`" : "Launcher (launcher)");
    line(markdown ? "Where a sweep's points run (`--launcher`, `--slurm key=value,…` on the command line change it);"
        + " a single run ignores it and no `config.yaml` holds it.\n" : "  where a sweep's points run; --launcher and"
        + " --slurm key=value,... change it; a single run ignores it");
    settings(LauncherSettings.class, "");
    heading(markdown ? "Sweep — `sweep`" : "Sweep (sweep)");
    line(markdown ? "The grid that `./run <file>` runs instead of a single run: `axes` maps each swept key to a list"
        + " of values (YAML each) or an integer range `a..b[:step]`; the last axis varies fastest. The command line"
        + " has the last word: `--sweep key=…` replaces the file's axis of that key, an override `key=value` fixes it"
        + " (the axis is dropped). `map` draws the final test accuracy over two axes (one heatmap per combination of"
        + " the other axes, the seeds averaged) with the time to `reach`. No `config.yaml` holds the section; see"
        + " [archive.md](archive.md#sweeps-in-the-experiment-file).\n"
        : "  the grid ./run <file> runs: axes {key: [values] or a..b}; map {x, y, reach}; a single run ignores it");
    settings(MapSettings.class, "map.");
    return out.toString();
  }

  private String kindKeys(Class<?> kind) {
    List<String> keys = new ArrayList<>();
    collectKeys(RunConfig.class, "", kind, keys);
    return keys.isEmpty() ? "" : markdown ? " — `" + String.join("`, `", keys) + "`" : " (" + String.join(", ", keys) + ")";
  }

  /** The keys of the top-level schema whose value is a component of {@code kind}. */
  private static void collectKeys(Class<?> record, String prefix, Class<?> kind, List<String> keys) {
    for (RecordComponent c : record.getRecordComponents()) {
      String key = prefix + Schema.key(c);
      Type type = c.getGenericType();
      if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
        type = p.getActualTypeArguments()[0];
      }
      if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] == kind) {
        keys.add(key);
      } else if (type instanceof Class<?> nested && nested.isRecord()) {
        collectKeys(nested, key + ".", kind, keys);
      }
    }
  }

  private void settings(Class<?> record, String prefix) {
    Map<String, RecordComponent> components = Schema.components(record);
    if (components.isEmpty()) {
      line(markdown ? "_no settings_\n" : "      (no settings)");
      return;
    }
    if (markdown) {
      out.append("| key | type | default | description |\n|---|---|---|---|\n");
    }
    List<Class<?>> nested = new ArrayList<>();
    List<String> nestedPrefixes = new ArrayList<>();
    for (Map.Entry<String, RecordComponent> e : components.entrySet()) {
      RecordComponent c = e.getValue();
      Setting s = Schema.setting(c);
      String key = prefix + e.getKey();
      String type = typeText(c);
      String dflt = s.defaultValue().equals(Setting.REQUIRED) ? "(required)" : s.defaultValue();
      if (markdown) {
        out.append("| `").append(key).append("` | ").append(type.replace("|", "\\|")).append(" | `").append(dflt)
            .append("` | ").append(s.value()).append(" |\n");
      } else {
        out.append(String.format("      %-22s %-28s %-24s %s%n", key, type, "default " + dflt, s.value()));
      }
      if (c.getGenericType() instanceof Class<?> k && k.isRecord()) {
        nested.add(c.getType());
        nestedPrefixes.add(key + ".");
      }
    }
    for (int i = 0; i < nested.size(); i++) {
      if (markdown) {
        out.append('\n');
      }
      settings(nested.get(i), nestedPrefixes.get(i));
    }
  }

  private static String typeText(RecordComponent c) {
    Setting s = Schema.setting(c);
    String type = Schema.describeType(c.getGenericType());
    boolean integer = c.getType() == int.class || c.getType() == long.class;
    if (integer || c.getType() == double.class) {
      String range = Schema.range(s, integer);
      return range.isEmpty() ? type : type + " " + range;
    }
    return type;
  }

  private void heading(String text) {
    if (markdown) {
      out.append("\n## ").append(text).append("\n\n");
    } else {
      out.append('\n').append(text).append('\n');
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
