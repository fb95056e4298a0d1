package org.rnnlab.discovery;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.rnnlab.config.ConfigException;
import org.rnnlab.config.Origin;
import org.rnnlab.plugin.ComponentKinds;
import org.rnnlab.plugin.ComponentMaps;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.ComponentType;
import org.rnnlab.plugin.PluginModule;

/**
 * The plugin modules of a run: those on the class path (the built-in plugins), found through
 * {@link java.util.ServiceLoader}, and those in the jars of the plugin path (directories of jars,
 * or jars), loaded by one class loader whose parent is the application's, so a plugin jar sees
 * the API and may bring libraries of its own as further jars beside it.
 *
 * <p>A broken plugin jar is one {@link ConfigException} naming the jar: a module class it
 * announces but does not hold, a module that cannot be made or that throws while registering, a
 * component name another plugin registered too.
 */
public final class Plugins {
  private static final String SERVICE = "META-INF/services/" + PluginModule.class.getName();

  /**
   * Guice logs an exception a module throws (with its stack trace) before it rethrows it; the
   * rethrown exception is what becomes the one-line message, so its log is kept quiet. (Held in a
   * field: java.util.logging keeps loggers only weakly.)
   */
  private static final java.util.logging.Logger GUICE_LOG = java.util.logging.Logger.getLogger("com.google.inject");

  static {
    GUICE_LOG.setLevel(java.util.logging.Level.OFF);
  }

  private final List<PluginModule> modules;

  private Plugins(List<PluginModule> modules) {
    this.modules = List.copyOf(modules);
  }

  /** The plugins on the class path of {@code loader} only. */
  public static Plugins discover(ClassLoader loader) {
    return discover(loader, List.of());
  }

  /**
   * The plugins on the class path of {@code parent} and in the jars of {@code pluginPath}
   * (directories whose {@code *.jar} files count, in name order, or jar files; a directory that
   * does not exist counts as empty).
   *
   * @throws ConfigException for a broken plugin jar or a clash of names
   */
  public static Plugins discover(ClassLoader parent, List<Path> pluginPath) {
    List<Path> jars = jars(pluginPath);
    ClassLoader loader = parent;
    if (!jars.isEmpty()) {
      URL[] urls = jars.stream().map(Plugins::url).toArray(URL[]::new);
      loader = new URLClassLoader("rnnlab-plugins", urls, parent);
    }
    List<PluginModule> found = new ArrayList<>();
    for (String className : announced(parent)) {
      found.add(instantiate(className, parent, null));
    }
    found.sort(Comparator.comparing(m -> m.getClass().getName()));
    for (Path jar : jars) { // after the class path's, so that a clash blames the jar that came later
      for (String className : announcedIn(jar)) {
        found.add(instantiate(className, loader, jar));
      }
    }
    Plugins plugins = new Plugins(found);
    plugins.checkEachModule();
    return plugins;
  }

  /** These modules, as they are (for tests). */
  public static Plugins of(List<PluginModule> modules) {
    return new Plugins(modules);
  }

  public List<PluginModule> modules() {
    return modules;
  }

  /** The framework's module followed by every plugin module, ready for {@code Guice.createInjector}. */
  public List<Module> guiceModules() {
    List<Module> all = new ArrayList<>();
    all.add(new ComponentMaps());
    all.add(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Plugins.class).toInstance(Plugins.this);
      }
    });
    all.addAll(modules);
    return all;
  }

  /** "class (jar or directory)" for each plugin, for provenance. */
  public List<String> describe() {
    return modules.stream().map(m -> m.getClass().getName() + " (" + origin(m.getClass()) + ")").toList();
  }

  /** Where a plugin class was loaded from: its jar or class directory, or "unknown". */
  public static String origin(Class<?> plugin) {
    CodeSource source = plugin.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return location == null ? "unknown" : location.getPath();
  }

  /**
   * Installs each module alone, so a module that throws or two that register one name are
   * reported with the jar they came from (the injector of all of them would only say "a binding").
   */
  private void checkEachModule() {
    Map<String, Class<?>> owners = new LinkedHashMap<>();
    for (PluginModule module : modules) {
      ComponentRegistry registry;
      try {
        registry = Guice.createInjector(new ComponentMaps(), module).getInstance(ComponentRegistry.class);
      } catch (RuntimeException e) {
        throw broken(module.getClass(), "its module " + module.getClass().getName() + " failed while registering: "
            + firstLine(rootCause(e)));
      }
      for (Class<?> kind : ComponentKinds.all()) {
        for (ComponentType<?> component : registry.components(kind)) {
          String key = ComponentKinds.displayName(kind) + " '" + component.name() + "'";
          Class<?> other = owners.putIfAbsent(key, module.getClass());
          if (other != null) {
            throw broken(module.getClass(), "it registers " + key + ", which " + other.getName() + " ("
                + origin(other) + ") registers too; rename one of them");
          }
        }
      }
    }
  }

  private static ConfigException broken(Class<?> plugin, String problem) {
    return new ConfigException(Origin.of(origin(plugin)), "", "broken plugin: " + problem);
  }

  private static PluginModule instantiate(String className, ClassLoader loader, Path jar) {
    Origin where = Origin.of(jar == null ? "the class path" : jar.toString());
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(where, "", "broken plugin: it announces " + className + " in " + SERVICE
          + ", but the class cannot be loaded (" + firstLine(e) + ")");
    }
    if (jar != null && !sameFile(origin(type), jar)) {
      // The class was found before this jar: on the class path, or in an earlier jar of the path.
      throw new ConfigException(where, "", "broken plugin: its module " + className + " is already loaded from "
          + origin(type) + ", so this jar's copy would never run; remove one of them, or give this plugin a"
          + " module class and component names of its own");
    }
    if (!PluginModule.class.isAssignableFrom(type)) {
      throw new ConfigException(where, "", "broken plugin: " + className + " is announced in " + SERVICE
          + " but does not extend " + PluginModule.class.getName());
    }
    try {
      return (PluginModule) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      throw new ConfigException(where, "", "broken plugin: cannot make " + className
          + " (it needs a public constructor without arguments): " + firstLine(rootCause(e)));
    }
  }

  private static boolean sameFile(String origin, Path jar) {
    try {
      return Path.of(origin).toRealPath().equals(jar.toRealPath());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The module classes announced by every service file {@code loader} sees. */
  private static List<String> announced(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try {
      for (URL url : java.util.Collections.list(loader.getResources(SERVICE))) {
        try (InputStream in = url.openStream()) {
          names.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new ConfigException(Origin.of("the class path"), "", "cannot read " + SERVICE + ": " + e.getMessage());
    }
    return names.stream().distinct().toList();
  }

  /** The module classes a jar announces. */
  private static List<String> announcedIn(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(SERVICE);
      if (entry == null) {
        return List.of(); // a library jar beside the plugins
      }
      try (InputStream in = file.getInputStream(entry)) {
        return parse(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
      }
    } catch (IOException | SecurityException e) {
      throw new ConfigException(Origin.of(jar.toString()), "", "broken plugin: not a readable jar ("
          + firstLine(e) + ")");
    }
  }

  /** Class names of a service file: one per line, {@code #} comments and blanks ignored. */
  static List<String> parse(String text) {
    List<String> names = new ArrayList<>();
    for (String line : text.split("\n")) {
      String name = line.replaceFirst("#.*", "").strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /** The jars of the plugin path, in order; directories contribute their *.jar files sorted by name. */
  static List<Path> jars(List<Path> pluginPath) {
    List<Path> jars = new ArrayList<>();
    for (Path entry : pluginPath) {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.list(entry)) {
          files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted()
              .forEach(jars::add);
        } catch (IOException e) {
          throw new ConfigException(Origin.of(entry.toString()), "", "cannot read the plugin directory: "
              + e.getMessage());
        }
      } else if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
        jars.add(entry);
      } else if (Files.exists(entry)) {
        throw new ConfigException(Origin.of(entry.toString()), "", "not a plugin directory or a .jar file");
      }
    }
    return jars.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new ConfigException(Origin.of(jar.toString()), "", "not a usable path for a jar");
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
        + e.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
