package org.rnnlab.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one component of a settings record: the YAML key is the component's name in
 * snake_case ({@code maxNorm} → {@code max_norm}). {@code ./run plugins} and the config reference
 * are generated from these annotations, and the binder enforces them.
 *
 * <p>Supported component types: {@code int}, {@code long}, {@code double}, {@code boolean}, {@code
 * String}, enums (written in lower case, {@code _} as {@code -}), nested settings records, {@link
 * Configured} components and {@code List}s of those. A record's compact constructor may throw
 * {@link IllegalArgumentException} for rules that involve several settings; its message is shown
 * as a config error.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {
  /** Marks a setting without a default. */
  String REQUIRED = "\u0000required";

  /** One line: what the setting means, with its unit. */
  String value();

  /** The default, written as YAML (e.g. {@code "50"}, {@code "tanh"}, {@code "[console, csv]"}). */
  String defaultValue() default REQUIRED;

  /** Smallest allowed number (inclusive unless {@link #exclusiveMin()}). */
  double min() default Double.NEGATIVE_INFINITY;

  /** True when the value must be strictly greater than {@link #min()}. */
  boolean exclusiveMin() default false;

  /** Largest allowed number (inclusive). */
  double max() default Double.POSITIVE_INFINITY;

  /**
   * True for a String setting that names a file: a relative path in a config file is taken
   * relative to that file's directory (never the working directory); one typed in a command-line
   * override, relative to the shell's directory. The resolved config ({@code config.yaml}) holds
   * it absolute, so a run's config reads the same file from anywhere. Empty stays empty.
   */
  boolean path() default false;
}
