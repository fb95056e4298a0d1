package org.rnnlab.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The one reader of the YAML files rnnlab writes into run directories (summary, provenance,
 * sweep record, resolved config): bounded in size, safe (plain YAML only, nothing constructed),
 * and a mapping at the top.
 */
public final class YamlFiles {
  /** The files rnnlab writes are a few KB; more than this is damage. */
  public static final int MAX_BYTES = 1 << 20;

  private YamlFiles() {}

  /**
   * The file as plain maps, lists and scalars.
   *
   * @throws IOException naming the file and what is wrong with it (one line)
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path file) throws IOException {
    if (readValue(file) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IOException(file.getFileName() + " is not a mapping");
  }

  /**
   * The file as a list (a JSON array is YAML too).
   *
   * @throws IOException naming the file and what is wrong with it (one line)
   */
  public static List<?> readList(Path file) throws IOException {
    if (readValue(file) instanceof List<?> list) {
      return list;
    }
    throw new IOException(file.getFileName() + " is not a list");
  }

  private static Object readValue(Path file) throws IOException {
    String text = BoundedFiles.readString(file, MAX_BYTES);
    Object value;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_BYTES);
      options.setMaxAliasesForCollections(16);
      options.setNestingDepthLimit(64);
      value = new Yaml(new SafeConstructor(options)).load(text);
    } catch (RuntimeException e) {
      throw new IOException(file.getFileName() + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    return value;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown problem";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
