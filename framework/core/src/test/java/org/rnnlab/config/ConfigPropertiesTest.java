package org.rnnlab.config;

import com.google.inject.Guice;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.plugin.ComponentRegistry;

/**
 * Whatever text the loader and the override parser are given, they produce a config or a
 * ConfigException, never another exception (the command line would show it as an internal error).
 */
class ConfigPropertiesTest {
  private static final ComponentRegistry REGISTRY = Guice.createInjector(
      Plugins.of(List.of(new BinderTest.TestClippers())).guiceModules()).getInstance(ComponentRegistry.class);

  @Property(tries = 3000)
  void anyTextLoadsOrIsAConfigError(@ForAll("yamlish") String text) {
    try {
      ConfigNode node = YamlSource.parseFileText(text, "p.yaml");
      new Binder(REGISTRY).bind(BinderTest.Top.class, node, "");
    } catch (ConfigException expected) {
      // the one allowed failure
    }
  }

  @Property(tries = 1000)
  void anyUnicodeLoadsOrIsAConfigError(@ForAll String text) {
    try {
      new Binder(REGISTRY).bind(BinderTest.Top.class, YamlSource.parseFileText(text, "p.yaml"), "");
    } catch (ConfigException expected) {
      // the one allowed failure
    }
  }

  @Property(tries = 3000)
  void anyOverrideAppliesOrIsAConfigError(@ForAll("overrides") String override) {
    ConfigNode.MapNode root = (ConfigNode.MapNode) YamlSource.parseFileText("seed: 1\ninner: {count: 2}\nclippers: [keep]\n",
        "p.yaml");
    try {
      Overrides.apply(root, List.of(override));
      new Binder(REGISTRY).bind(BinderTest.Top.class, root, "");
    } catch (ConfigException expected) {
      // the one allowed failure
    }
  }

  /** Text made of YAML's building blocks, the keys the schema knows, and odd values. */
  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> pieces = Arbitraries.of("seed", "inner", "count", "rate", "mode", "flag", "label", "sizes",
        "clipper", "clippers", "type", "keep", "scale", "factor", ":", ": ", "\n", "\n  ", "\n    ", "- ", "[", "]",
        "{", "}", ",", "&a ", "*a", "!!str ", "!!java.io.File ", "!x ", "<<: ", "#", "'", "\"", "~", "null", "true",
        "1", "-1", "0.5", "1e309", ".nan", ".inf", "3", "fast", "very-slow", "|", ">", "---", "...", "?", "%", "@",
        "\t", "\u0000", "\uFEFF", "é", "1_000", "0x1F", "+5");
    return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
  }

  @Provide
  Arbitrary<String> overrides() {
    Arbitrary<String> named = Arbitraries.of("seed", "inner.count", "inner.rate", "inner", "clipper", "clipper.factor",
        "clipper.type", "clippers.0", "clippers.0.factor", "clippers.9", "a.b.c", "", ".", "inner..count", "0", "x y",
        "sizes.0", "inner.sizes.0", "inner.mode");
    Arbitrary<String> index = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25); // beyond int and long
    Arbitrary<String> keys = Arbitraries.oneOf(named, index.map(i -> "clippers." + i),
        index.map(i -> "clippers." + i + ".factor"), index.map(i -> "sizes." + i));
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("1", "-3", "0.5", "[1, 2]", "{type: scale}",
        "{type: scale, factor: 3}", "!!java.io.File x", "[", "{", "", "~", "scale", "keep", "fast", "true", "a=b",
        "&x [*x]", "99999999999999999999", "-9223372036854775809", "1e400"), Arbitraries.strings().ofMaxLength(12));
    return Arbitraries.oneOf(keys.flatMap(k -> values.map(v -> k + "=" + v)), Arbitraries.strings().ofMaxLength(20));
  }
}
