package org.rnnlab.config;

/** Parses YAML text as if it came from a file, for tests. */
final class YamlSourceTestSupport {
  private YamlSourceTestSupport() {}

  static ConfigNode parse(String yaml, String fileName) {
    return YamlSource.parseFileText(yaml, fileName);
  }
}
