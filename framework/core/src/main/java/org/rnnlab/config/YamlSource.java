package org.rnnlab.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into {@link ConfigNode} trees, safely: SnakeYAML only composes nodes (it never
 * constructs Java objects), every tag outside plain YAML's (string, number, boolean, null,
 * mapping, list) is rejected, duplicate keys are rejected, and aliases, nesting, size and node
 * count are limited so that hostile documents fail fast with a message.
 */
public final class YamlSource {
  /** Config files are a few KB; anything above this is not a config. */
  static final int MAX_BYTES = 1 << 20;
  static final int MAX_NESTING = 64;
  static final int MAX_COLLECTION_ALIASES = 16;
  static final int MAX_NODES = 100_000;

  private static final Set<Tag> PLAIN_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

  private YamlSource() {}

  /**
   * Loads a config file whose top level must be a mapping.
   *
   * @param path the file
   * @param displayName how messages name it (the path as the user typed it)
   */
  public static ConfigNode.MapNode loadFile(Path path, String displayName) {
    Origin file = Origin.of(displayName);
    if (Files.isDirectory(path)) {
      throw new ConfigException(file, "", "is a directory; expected a YAML config file");
    }
    byte[] bytes;
    try {
      if (!Files.exists(path)) {
        throw new ConfigException(file, "", "no such file");
      }
      if (!Files.isRegularFile(path)) {
        throw new ConfigException(file, "", "not a regular file; expected a YAML config file");
      }
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw new ConfigException(
            file, "", "file is " + size + " bytes; a config may be at most " + MAX_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new ConfigException(file, "", "file exceeds " + MAX_BYTES + " bytes");
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, "", "no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(file, "", "permission denied");
    } catch (IOException e) {
      throw new ConfigException(file, "", "cannot read: " + e.getMessage());
    }
    String text = decodeUtf8(bytes, file);
    if (text.isBlank() || text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
      throw new ConfigException(
          file, "", "the file is empty; expected a mapping of settings such as 'task: memory' (see ./run plugins)");
    }
    ConfigNode root = parse(text, displayName, "", true);
    if (!(root instanceof ConfigNode.MapNode map)) {
      throw new ConfigException(root.origin(), "", "expected a mapping of settings at the top level, got " + root.describe());
    }
    return map;
  }

  /** Parses YAML text as a file's content would be (with line and column); for tests and tools. */
  static ConfigNode parseFileText(String text, String displayName) {
    return parse(text, displayName, "", true);
  }

  /**
   * Parses one YAML value given on the command line or as a built-in default, e.g. {@code 0.01},
   * {@code [console, csv]} or {@code {type: norm, max_norm: 1}}.
   */
  public static ConfigNode parseValue(String text, String sourceName, String keyPath) {
    if (text.isEmpty()) {
      return new ConfigNode.ScalarNode("", true, true, Origin.of(sourceName));
    }
    return parse(text, sourceName, keyPath, false);
  }

  /**
   * @param keyPath the key the value belongs to (for messages)
   * @param positions true to record line and column (files); false for one-line values
   */
  private static ConfigNode parse(String text, String sourceName, String keyPath, boolean positions) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_BYTES);
    options.setProcessComments(false);
    // Let every tag through composition (nothing is ever constructed from a node) so that the
    // converter below rejects it with a message that says where and why.
    options.setTagInspector(tag -> true);
    Yaml yaml = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new DumperOptions()),
        new DumperOptions(), options);
    Node node;
    try {
      node = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ConfigException(positions ? at(sourceName, mark) : Origin.of(sourceName), keyPath,
          "malformed YAML: " + describeProblem(e));
    } catch (YAMLException e) {
      throw new ConfigException(Origin.of(sourceName), keyPath, "rejected YAML: " + describeLimit(e.getMessage()));
    } catch (StackOverflowError e) {
      throw new ConfigException(Origin.of(sourceName), keyPath, "rejected YAML: nested too deeply");
    }
    if (node == null) {
      return new ConfigNode.ScalarNode("", true, true, Origin.of(sourceName));
    }
    return new Converter(sourceName, positions).convert(node, keyPath);
  }

  private static String decodeUtf8(byte[] bytes, Origin file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalidUtf8(bytes);
      throw new ConfigException(file, "", "not UTF-8 text (invalid byte at offset " + offset + "); expected a YAML config file");
    }
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length;
  }

  private static Origin at(String source, Mark mark) {
    return mark == null ? Origin.of(source) : new Origin(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String describeProblem(MarkedYAMLException e) {
    String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
    String context = e.getContext();
    if (context != null && problem.startsWith("but ")) { // "expected a single document …, but found another"
      problem = context + ", " + problem;
    } else if (context != null && !problem.contains(context)) {
      problem = problem + " (" + context + ")";
    }
    return problem.replaceAll("\\s+", " ").trim();
  }

  /** SnakeYAML's limit messages in the words of this class's limits. */
  private static String describeLimit(String message) {
    String m = firstLine(message);
    if (m.contains("Number of aliases")) {
      return "more than " + MAX_COLLECTION_ALIASES + " aliases to mappings or lists (an alias bomb?)";
    }
    if (m.toLowerCase(java.util.Locale.ROOT).contains("nesting depth")) {
      return "nested deeper than " + MAX_NESTING + " levels";
    }
    if (m.contains("code points")) {
      return "longer than " + MAX_BYTES + " characters";
    }
    return m;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown problem";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  /** Turns SnakeYAML nodes into ConfigNodes, enforcing the rules above. */
  private static final class Converter {
    private final String source;
    private final boolean positions;
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
    private int nodes;

    Converter(String source, boolean positions) {
      this.source = source;
      this.positions = positions;
    }

    private Origin origin(Node node) {
      return positions ? at(source, node.getStartMark()) : Origin.of(source);
    }

    ConfigNode convert(Node node, String key) {
      Origin origin = origin(node);
      if (++nodes > MAX_NODES) {
        throw new ConfigException(origin, key, "rejected YAML: more than " + MAX_NODES + " values (alias expansion?)");
      }
      Tag tag = node.getTag();
      if (!PLAIN_TAGS.contains(tag)) {
        throw new ConfigException(origin, key, "the tag " + shortTag(tag) + " is not allowed: configs are plain YAML"
            + " (mappings, lists, strings, numbers, booleans) and never construct objects");
      }
      if (onPath.put(node, Boolean.TRUE) != null) {
        throw new ConfigException(origin, key, "rejected YAML: an alias refers to a value that contains it");
      }
      try {
        if (node instanceof ScalarNode scalar) {
          boolean plain = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
          return new ConfigNode.ScalarNode(scalar.getValue(), plain, tag.equals(Tag.NULL), origin);
        }
        if (node instanceof SequenceNode sequence) {
          ConfigNode.ListNode list = new ConfigNode.ListNode(origin);
          int i = 0;
          for (Node item : sequence.getValue()) {
            list.items().add(convert(item, join(key, Integer.toString(i++))));
          }
          return list;
        }
        MappingNode mapping = (MappingNode) node;
        ConfigNode.MapNode map = new ConfigNode.MapNode(origin);
        for (NodeTuple tuple : mapping.getValue()) {
          Node keyNode = tuple.getKeyNode();
          Origin keyOrigin = origin(keyNode);
          if (keyNode.getTag().equals(Tag.MERGE)) {
            throw new ConfigException(keyOrigin, key, "merge keys (<<) are not supported; write the settings out");
          }
          if (!(keyNode instanceof ScalarNode keyScalar) || !PLAIN_TAGS.contains(keyNode.getTag())) {
            throw new ConfigException(keyOrigin, key, "keys must be plain names, got " + describeNode(keyNode));
          }
          String name = keyScalar.getValue();
          if (map.entries().containsKey(name)) {
            throw new ConfigException(keyOrigin, join(key, name),
                "duplicate key (first given at " + map.keyOrigin(name) + ")");
          }
          map.put(name, keyOrigin, convert(tuple.getValueNode(), join(key, name)));
        }
        return map;
      } finally {
        onPath.remove(node);
      }
    }

    private static String describeNode(Node node) {
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      return node instanceof SequenceNode ? "a list" : "the tag " + shortTag(node.getTag());
    }

    private static String shortTag(Tag tag) {
      String value = tag.getValue();
      return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
