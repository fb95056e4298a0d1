package org.rnnlab.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter matrix sits in a network's one flat array, grouped into layers (the cell,
 * the readout) for per-layer clipping. Immutable.
 */
public final class ParameterLayout {

  /** One matrix: {@code spec} stored row-major at {@code offset}, belonging to {@code layer}. */
  public record Block(ParameterSpec spec, String layer, int offset) {
    public String name() {
      return spec.name();
    }

    public int size() {
      return spec.rows() * spec.cols();
    }
  }

  private final List<Block> blocks;
  private final Map<String, Block> byName;
  private final List<String> layers;
  private final int size;

  private ParameterLayout(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
    Map<String, Block> names = new LinkedHashMap<>();
    List<String> layerNames = new ArrayList<>();
    int end = 0;
    for (Block b : blocks) {
      if (names.put(b.name(), b) != null) {
        throw new IllegalArgumentException("two parameters are named " + b.name());
      }
      if (!layerNames.contains(b.layer())) {
        layerNames.add(b.layer());
      }
      end = b.offset() + b.size();
    }
    this.byName = Collections.unmodifiableMap(names);
    this.layers = List.copyOf(layerNames);
    this.size = end;
  }

  /** Builds a layout by appending layers in order. */
  public static Builder builder() {
    return new Builder();
  }

  public List<Block> blocks() {
    return blocks;
  }

  /** Layer names in order of first appearance. */
  public List<String> layers() {
    return layers;
  }

  /** Total number of scalars. */
  public int size() {
    return size;
  }

  /** Whether a matrix of that name is in the layout. */
  public boolean has(String name) {
    return byName.containsKey(name);
  }

  public Block block(String name) {
    Block b = byName.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no parameter named " + name + "; have " + byName.keySet());
    }
    return b;
  }

  /** Appends blocks, each layer's blocks contiguous. */
  public static final class Builder {
    private final List<Block> blocks = new ArrayList<>();
    private int offset;

    public Builder add(String layer, List<ParameterSpec> specs) {
      return add(layer, "", specs);
    }

    /** Appends the blocks of {@code layer}, each named {@code prefix + its spec's name}. */
    public Builder add(String layer, String prefix, List<ParameterSpec> specs) {
      for (ParameterSpec spec : specs) {
        ParameterSpec named = prefix.isEmpty() ? spec
            : new ParameterSpec(prefix + spec.name(), spec.rows(), spec.cols(), spec.kind(), spec.biasValue());
        blocks.add(new Block(named, layer, offset));
        offset += named.rows() * named.cols();
      }
      return this;
    }

    public ParameterLayout build() {
      return new ParameterLayout(blocks);
    }
  }
}
