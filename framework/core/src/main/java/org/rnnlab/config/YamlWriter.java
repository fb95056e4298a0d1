package org.rnnlab.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes plain maps, lists and scalars as block-style YAML (resolved configs, provenance, summaries). */
public final class YamlWriter {
  private YamlWriter() {}

  public static String write(Object tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(120);
    options.setSplitLines(false);
    return new Yaml(options).dump(tree);
  }
}
