package org.rnnlab.run;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.cluster.LauncherSettings;
import org.rnnlab.config.Binder;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.ConfigNode;
import org.rnnlab.config.Origin;
import org.rnnlab.config.Overrides;
import org.rnnlab.config.Schema;
import org.rnnlab.config.YamlSource;
import org.rnnlab.config.YamlWriter;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.spi.Task;

/**
 * Loads an experiment file: reads it safely, applies the overrides, binds it to {@link RunConfig}
 * with the registered components, and validates the whole by making every component once (no
 * network is allocated). Any problem ends here as one {@link ConfigException}, before a run
 * directory exists.
 */
public final class ConfigLoader {
  private final ComponentRegistry registry;

  @Inject
  ConfigLoader(ComponentRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param file the experiment file
   * @param displayName the file as messages name it (as the user typed it)
   * @param overrides {@code key.path=value}, applied in order
   * @throws ConfigException for any problem with the file, an override or a value
   */
  public LoadedConfig load(Path file, String displayName, List<String> overrides) {
    ConfigNode.MapNode root = read(file, displayName, overrides);
    RunConfig config = new Binder(registry, file.toAbsolutePath().getParent()).bind(RunConfig.class, root, "");
    try {
      Task task = config.task().create();
      ParameterLayout layout = Network.layout(config.network().networkLayers(), task.shape()); // no allocation
      config.experiment().create().check(task);
      config.loss().create().check(task.shape());
      config.clipper().create();
      config.optimizer().create().check(layout);
      config.sinks().forEach(s -> s.create());
      checkSinksOnce(config, root);
    } catch (InvalidSetting e) {
      String key = e.key();
      throw new ConfigException(originOf(root, key, displayName), key, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Origin.of(displayName), "", "the settings do not fit together: " + e.getMessage());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> resolved = (Map<String, Object>) Schema.render(config);
    return new LoadedConfig(config, resolved, overrides);
  }

  /**
   * Binds the file without making any component (so without reading a task's data): enough to
   * build a saved network.
   *
   * @throws ConfigException for any problem with the file or a value
   */
  public RunConfig bind(Path file, String displayName) {
    return new Binder(registry, file.toAbsolutePath().getParent()).bind(RunConfig.class,
        read(file, displayName, List.of()), "");
  }

  private static ConfigNode.MapNode read(Path file, String displayName, List<String> overrides) {
    ConfigNode.MapNode root = YamlSource.loadFile(file, displayName);
    if (!root.entries().containsKey("name")) {
      String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9._-]", "_");
      Origin origin = Origin.of("default name (the file's name)");
      root.put("name", origin, new ConfigNode.ScalarNode(stem.replaceFirst("^[.-]+", ""), false, false, origin));
    }
    Overrides.apply(root, overrides);
    // What a sweep varies and where its points run is not part of what a run computes: neither
    // reaches config.yaml.
    root.entries().remove(LauncherSettings.KEY);
    root.entries().remove(SWEEP_KEY);
    return root;
  }

  /** The key of an experiment file's sweep section (its axes and map; see {@code SweepSection}). */
  public static final String SWEEP_KEY = "sweep";

  /**
   * The section {@code key} of {@code file} after {@code overrides}, as written (null when the
   * file has none): for the sections a single run ignores, such as {@code sweep}.
   *
   * @throws ConfigException for any problem with the file or an override
   */
  public ConfigNode section(Path file, String displayName, List<String> overrides, String key) {
    ConfigNode.MapNode root = YamlSource.loadFile(file, displayName);
    Overrides.apply(root, overrides);
    return root.entries().get(key);
  }

  /**
   * Binds {@code node} to a settings record (its components are resolved with the registry).
   *
   * @throws ConfigException naming the key path and where the value was written
   */
  public <R extends Record> R bind(Class<R> type, ConfigNode node, String keyPath) {
    return new Binder(registry).bind(type, node, keyPath);
  }

  /**
   * The launcher settings of a sweep of {@code file}: its {@code launcher:} section (a mapping, or
   * a bare type name) after {@code overrides}, then {@code arguments}, the command line's launcher
   * options as {@code key=value} with where each came from (e.g. {@code --slurm 'time=1:00:00'}).
   *
   * @throws ConfigException for any problem with the file or a value
   */
  public LauncherSettings launcher(Path file, String displayName, List<String> overrides,
      Map<String, Origin> arguments) {
    ConfigNode.MapNode root = YamlSource.loadFile(file, displayName);
    Overrides.apply(root, overrides);
    return bindLauncher(root.entries().get(LauncherSettings.KEY), Origin.of(displayName), arguments);
  }

  /**
   * The launcher settings a sweep recorded ({@code sweep.yaml}'s {@code launcher}, possibly
   * empty), changed by {@code arguments} as above.
   *
   * @throws ConfigException for any problem with a value
   */
  public LauncherSettings launcher(Map<String, Object> recorded, String sourceName, Map<String, Origin> arguments) {
    ConfigNode section = recorded.isEmpty() ? null
        : YamlSource.parseValue(YamlWriter.write(recorded), sourceName, LauncherSettings.KEY);
    return bindLauncher(section, Origin.of(sourceName), arguments);
  }

  private LauncherSettings bindLauncher(ConfigNode section, Origin where, Map<String, Origin> arguments) {
    ConfigNode.MapNode launcher;
    if (section instanceof ConfigNode.MapNode map) {
      launcher = map;
    } else if (section instanceof ConfigNode.ScalarNode s && !s.isNull()) {
      launcher = new ConfigNode.MapNode(s.origin());
      launcher.put("type", s.origin(), s);
    } else if (section == null || section instanceof ConfigNode.ScalarNode) {
      launcher = new ConfigNode.MapNode(section == null ? where : section.origin());
    } else {
      throw new ConfigException(section.origin(), LauncherSettings.KEY, "expected a mapping such as {type: slurm,"
          + " partition: gpu} or a launcher's name, got " + section.describe());
    }
    arguments.forEach((argument, origin) -> Overrides.apply(launcher, argument, origin));
    return new Binder(registry).bind(LauncherSettings.class, launcher, LauncherSettings.KEY);
  }

  /** Where the value at a dotted key path came from: its node, else its nearest ancestor, else the file. */
  private static Origin originOf(ConfigNode.MapNode root, String path, String displayName) {
    ConfigNode node = root;
    Origin best = Origin.of(displayName);
    for (String segment : path.split("\\.")) {
      ConfigNode next = null;
      if (node instanceof ConfigNode.MapNode map) {
        next = map.entries().get(segment);
      } else if (node instanceof ConfigNode.ListNode list && segment.matches("[0-9]+")
          && Integer.parseInt(segment) < list.items().size()) {
        next = list.items().get(Integer.parseInt(segment));
      }
      if (next == null) {
        break;
      }
      node = next;
      best = next.origin();
    }
    return best;
  }

  /** Each sink writes its own files (loss.png, …): a second of a kind would clash. */
  private static void checkSinksOnce(RunConfig config, ConfigNode.MapNode root) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < config.sinks().size(); i++) {
      String name = config.sinks().get(i).name();
      if (!seen.add(name)) {
        ConfigNode sinks = root.entries().get("sinks");
        Origin at = sinks instanceof ConfigNode.ListNode list && i < list.items().size() ? list.items().get(i).origin()
            : Origin.of("sinks");
        throw new ConfigException(at, "sinks." + i,
            name + " is listed twice; each sink writes its own files, so list a sink once");
      }
    }
  }
}
