package org.rnnlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.PluginModule;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Clipper;

class BinderTest {

  enum Mode {
    FAST,
    VERY_SLOW
  }

  record Inner(
      @Setting(value = "a count", defaultValue = "3", min = 1, max = 10) int count,
      @Setting(value = "a rate", defaultValue = "0.5", min = 0, exclusiveMin = true) double rate,
      @Setting(value = "a mode", defaultValue = "fast") Mode mode,
      @Setting(value = "a flag", defaultValue = "false") boolean flag,
      @Setting(value = "a label", defaultValue = "abc") String label,
      @Setting(value = "sizes", defaultValue = "[1, 2]") List<Integer> sizes) {}

  record Top(
      @Setting(value = "nested", defaultValue = "{}") Inner inner,
      @Setting(value = "a clipper", defaultValue = "keep") Configured<Clipper> clipper,
      @Setting(value = "clippers", defaultValue = "[keep]") List<Configured<Clipper>> clippers,
      @Setting(value = "required") long seed) {}

  record KeepSettings() {}

  record ScaleSettings(@Setting(value = "factor", defaultValue = "2.0") double factor) {
    ScaleSettings {
      if (factor == 3) {
        throw new IllegalArgumentException("factor must not be 3");
      }
    }
  }

  static final class TestClippers extends PluginModule {
    @Override
    protected void configure() {
      register(Clipper.class, "keep", "keeps", KeepSettings.class, s -> g -> {});
      register(Clipper.class, "scale", "scales", ScaleSettings.class, s -> g -> g.scale(s.factor()));
    }
  }

  private final ComponentRegistry registry = Guice.createInjector(
      Plugins.of(List.of(new TestClippers())).guiceModules()).getInstance(ComponentRegistry.class);

  @Test
  void defaultsFillEverythingNotGiven() {
    Top top = bind("seed: 5\n");
    assertEquals(new Inner(3, 0.5, Mode.FAST, false, "abc", List.of(1, 2)), top.inner());
    assertEquals("keep", top.clipper().name());
    assertEquals(5L, top.seed());
    Map<String, Object> expected = new LinkedHashMap<>();
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("count", 3);
    inner.put("rate", 0.5);
    inner.put("mode", "fast");
    inner.put("flag", false);
    inner.put("label", "abc");
    inner.put("sizes", List.of(1, 2));
    expected.put("inner", inner);
    expected.put("clipper", Map.of("type", "keep"));
    expected.put("clippers", List.of(Map.of("type", "keep")));
    expected.put("seed", 5L);
    assertEquals(expected, Schema.render(top));
  }

  @Test
  void valuesAreBoundWithTheirTypes() {
    Top top = bind("seed: 1\ninner: {count: 10, rate: 1e-3, mode: very-slow, flag: true, label: '12', sizes: [3]}\n"
        + "clipper: {type: scale, factor: 4}\nclippers: [keep, {type: scale}]\n");
    assertEquals(new Inner(10, 1e-3, Mode.VERY_SLOW, true, "12", List.of(3)), top.inner());
    assertEquals(new ScaleSettings(4), top.clipper().settings());
    assertEquals(List.of("keep", "scale"), top.clippers().stream().map(Configured::name).toList());
  }

  @Test
  void aComponentMappingWithoutTypeTakesTheDefaultType() {
    Top top = bind("seed: 1\nclipper: {}\n");
    assertEquals("keep", top.clipper().name());
    ConfigException e = assertThrows(ConfigException.class, () -> bind("seed: 1\nclippers: [{}]\n"));
    assertEquals("t.yaml:2:12: clippers.0.type: missing; expected the name of a clipper: one of keep, scale", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "inner: {count: 11}  | t.yaml:2:16: inner.count: expected an integer in 1..10, got '11'",
      "inner: {count: 0}   | t.yaml:2:16: inner.count: expected an integer in 1..10, got '0'",
      "inner: {count: 2.5} | t.yaml:2:16: inner.count: expected an integer in 1..10, got '2.5'",
      "inner: {count: '3'} | t.yaml:2:16: inner.count: expected an integer in 1..10, got the string \"3\"",
      "inner: {count: 1e12}| t.yaml:2:16: inner.count: expected an integer in 1..10, got '1e12'",
      "inner: {rate: 0}    | t.yaml:2:15: inner.rate: expected a finite number > 0, got '0'",
      "inner: {rate: .nan} | t.yaml:2:15: inner.rate: expected a finite number > 0, got '.nan'",
      "inner: {rate: -1}   | t.yaml:2:15: inner.rate: expected a finite number > 0, got '-1'",
      "inner: {mode: slow} | t.yaml:2:15: inner.mode: expected one of fast, very-slow, got 'slow'",
      "inner: {flag: yes}  | t.yaml:2:15: inner.flag: expected true or false, got 'yes'",
      "inner: {sizes: 3}   | t.yaml:2:16: inner.sizes: expected a list of integer, e.g. [a, b], got '3'",
      "inner: {sizes: [x]} | t.yaml:2:17: inner.sizes.0: expected an integer, got 'x'",
      "inner: [1, 2]       | t.yaml:2:8: inner: expected a mapping of count, rate, mode, flag, label, sizes, got a list",
      "inner: {cuont: 2}   | t.yaml:2:9: inner.cuont: unknown key; inner takes count, rate, mode, flag, label, sizes"
          + " (did you mean 'count'?)",
      "sed: 3              | t.yaml:2:1: sed: unknown key; the top level takes inner, clipper, clippers, seed"
          + " (did you mean 'seed'?)",
      "clipper: sacle      | t.yaml:2:10: clipper: unknown clipper 'sacle'; available: keep, scale (did you mean 'scale'?)",
      "clipper: {type: scale, factr: 1} | t.yaml:2:24: clipper.factr: unknown key; clipper 'scale' takes type,"
          + " factor (did you mean 'factor'?)",
      "clipper: {type: scale, factor: 3} | t.yaml:2:10: clipper: factor must not be 3",
      "clipper: [keep]     | t.yaml:2:10: clipper: expected a clipper: its type name (one of keep, scale) or a mapping"
          + " with 'type' and its settings, got a list",
      "clipper:            | t.yaml:2:9: clipper: expected a clipper: its type name (one of keep, scale) or a mapping"
          + " with 'type' and its settings, got nothing (null)",
  })
  void problemsNameFileLineColumnKeyAndWhatIsAllowed(String line, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> bind("seed: 1\n" + line.strip() + "\n"));
    assertEquals(message.strip(), e.getMessage());
  }

  @Test
  void requiredSettingsMustBeGiven() {
    ConfigException e = assertThrows(ConfigException.class, () -> bind("inner: {}\n"));
    assertEquals("t.yaml:1:1: seed: missing; expected an integer (required)", e.getMessage());
  }

  @Test
  void suggestionsNeedACloseWord() {
    assertEquals(" (did you mean 'hidden'?)", Binder.suggestion("hiden", List.of("hidden", "cell")));
    assertEquals("", Binder.suggestion("xyz", List.of("hidden", "cell")));
  }

  private Top bind(String yaml) {
    ConfigNode node = YamlSourceTestSupport.parse(yaml, "t.yaml");
    return new Binder(registry).bind(Top.class, node, "");
  }
}
