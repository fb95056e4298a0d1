package org.rnnlab.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.YamlWriter;

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

  /** The text of the run's {@code config.yaml}. */
  public String configText() {
    return YamlWriter.write(resolved);
  }

  /** The SHA-256 of {@link #configText()}, in hex: two loads that give it ran the same config. */
  public String configSha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(configText().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
