package org.rnnlab.plugins.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.Parameters;

/**
 * Parameter matrices that take steps of their own size, η × factor: e.g. the generator A of an
 * {@code exprnn} cell at a tenth of η, as Lezcano-Casado &amp; Martínez-Rubio (2019) train it (a
 * change δ of a rotation angle moves the state by T·δ after T steps).
 */
public record RateGroup(
    @Setting(value = "the matrices, by name: A (the matrix A of every layer), l2.A (of layer 2 only), V (the"
        + " readout's)", defaultValue = "[]")
    List<String> matrices,
    @Setting(value = "multiplies the step size η for these matrices", defaultValue = "1.0", min = 0, max = 1000)
    double factor) {

  /** An optimizer's groups, laid out on the parameters of its first step (and checked before any). */
  static final class Factors {
    private final List<RateGroup> groups;
    private double[] factors; // per parameter, the groups' factor of η (null: no groups)
    private boolean bound;

    Factors(List<RateGroup> groups) {
      this.groups = List.copyOf(groups);
    }

    /** Throws {@link InvalidSetting} when the groups do not fit {@code layout} (see {@link RateGroup#factors}). */
    void check(ParameterLayout layout) {
      RateGroup.factors(groups, layout);
    }

    /** The factor of every parameter of {@code parameters}; null when there are no groups. */
    double[] of(Parameters parameters) {
      if (!bound) {
        factors = RateGroup.factors(groups, parameters.layout());
        bound = true;
      }
      return factors;
    }
  }

  /** The key the groups are set under, for messages. */
  static final String KEY = "optimizer.groups";

  /**
   * The factor of every parameter (1 outside the groups), laid out as {@code layout}; null when
   * there are no groups. Throws {@link InvalidSetting} for a name that is no matrix of the layout,
   * or a matrix in two groups.
   */
  static double[] factors(List<RateGroup> groups, ParameterLayout layout) {
    if (groups.isEmpty()) {
      return null;
    }
    double[] factors = new double[layout.size()];
    Arrays.fill(factors, 1);
    Set<String> grouped = new LinkedHashSet<>();
    for (RateGroup group : groups) {
      for (String name : group.matrices()) {
        boolean found = false;
        for (ParameterLayout.Block block : layout.blocks()) {
          if (block.name().equals(name) || block.name().endsWith("." + name)) {
            found = true;
            if (!grouped.add(block.name())) {
              throw new InvalidSetting(KEY, "the matrix " + block.name() + " is in two groups; put it in one");
            }
            Arrays.fill(factors, block.offset(), block.offset() + block.size(), group.factor());
          }
        }
        if (!found) {
          List<String> names = new ArrayList<>();
          layout.blocks().forEach(b -> names.add(b.name()));
          throw new InvalidSetting(KEY, "no matrix of the network is named " + name + "; it has "
              + String.join(", ", names));
        }
      }
    }
    return factors;
  }
}
