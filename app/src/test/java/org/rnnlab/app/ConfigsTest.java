package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.run.ConfigLoader;
import org.rnnlab.run.LoadedConfig;
import org.rnnlab.sweep.SweepAxes;
import org.rnnlab.sweep.SweepPlan;
import org.rnnlab.sweep.SweepSection;

/**
 * Every config in configs/ loads, binds and validates with the plugins on the class path; so does
 * every point of a config's sweep section.
 */
class ConfigsTest {

  static Stream<Path> configs() throws IOException {
    try (Stream<Path> files = Files.walk(LauncherEndToEndTest.ROOT.resolve("configs"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(yaml.isEmpty());
      return yaml.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void loadsAndValidates(Path config) {
    ConfigLoader runner = Guice.createInjector(Plugins.discover(getClass().getClassLoader()).guiceModules())
        .getInstance(ConfigLoader.class);
    LoadedConfig loaded = runner.load(config, config.toString(), List.of());
    assertFalse(loaded.resolved().isEmpty(), config.toString());
    SweepAxes sweep = SweepSection.read(runner, config, config.toString(), List.of()).combine(null, List.of(), n -> {});
    if (sweep != null) {
      for (SweepPlan.Point point : SweepPlan.points(sweep.axes())) {
        assertFalse(runner.load(config, config.toString(), point.overrides()).resolved().isEmpty(), point.label());
      }
    }
  }
}
