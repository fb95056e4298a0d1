package org.rnnlab.run;

import java.util.List;
import java.util.Map;

/**
 * A config loaded, overridden, bound and validated: ready to run.
 *
 * @param config the bound settings
 * @param resolved the same as plain maps with every default filled in ({@code config.yaml})
 * @param overrides the overrides applied, as typed
 */
public record LoadedConfig(RunConfig config, Map<String, Object> resolved, List<String> overrides) {
  public LoadedConfig {
    overrides = List.copyOf(overrides);
  }
}
