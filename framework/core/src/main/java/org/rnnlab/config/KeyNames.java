package org.rnnlab.config;

import java.util.Arrays;
import java.util.Collection;

/** Dotted config keys made short for labels, without becoming ambiguous. */
public final class KeyNames {
  private KeyNames() {}

  /**
   * The shortest tail of {@code key} (whole segments) that no other of {@code keys} ends with, and
   * never a bare {@code type}, which names a component only together with its key: {@code
   * optimizer.learning_rate} → {@code learning_rate}, {@code network.cell.type} → {@code
   * cell.type}.
   */
  public static String shortest(String key, Collection<String> keys) {
    String[] parts = key.split("\\.");
    for (int n = 1; n <= parts.length; n++) {
      String tail = String.join(".", Arrays.copyOfRange(parts, parts.length - n, parts.length));
      if (tail.equals("type") && n < parts.length) {
        continue;
      }
      long same = keys.stream().filter(k -> k.equals(tail) || k.endsWith("." + tail)).count();
      if (same <= 1) {
        return tail;
      }
    }
    return key;
  }
}
