package org.rnnlab.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form a one-way chain, readable from the bottom; a dependency that points up the
 * chain, a cycle anywhere, a plugin that reaches past the API, or a framework class that knows a
 * plugin fails the build.
 */
class ArchitectureTest {
  /** The framework's packages, lowest first: each may use those before it, never those after. */
  static final List<String> CHAIN = List.of(
      "math", "spi", "nn", "experiment", "plugin", // the API (framework/api)
      "config", "discovery", "store", "cluster", "plot", "archive", "run", "sweep", // the core (framework/core)
      "web", // the dashboard (framework/web)
      "cli"); // the application (app)

  /** What a plugin may use of rnnlab: the API. */
  static final List<String> API = CHAIN.subList(0, 5);

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.rnnlab");
    if (classes.size() < 50) {
      throw new AssertionError("only " + classes.size() + " classes imported: the check would prove nothing");
    }
  }

  @Test
  void everyDependencyPointsDownTheChain() {
    for (int i = 0; i < CHAIN.size(); i++) {
      String[] higher = CHAIN.subList(i + 1, CHAIN.size()).stream().map(p -> "org.rnnlab." + p + "..")
          .toArray(String[]::new);
      if (higher.length == 0) {
        continue;
      }
      noClasses().that().resideInAPackage("org.rnnlab." + CHAIN.get(i) + "..")
          .should().dependOnClassesThat().resideInAnyPackage(higher)
          .because(CHAIN.get(i) + " sits below " + String.join(", ", CHAIN.subList(i + 1, CHAIN.size())))
          .check(classes);
    }
  }

  @Test
  void noPackageCycleAnywhere() {
    slices().matching("org.rnnlab.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void pluginsUseTheApiOnly() {
    String[] beyond = CHAIN.subList(API.size(), CHAIN.size()).stream().map(p -> "org.rnnlab." + p + "..")
        .toArray(String[]::new);
    noClasses().that().resideInAPackage("org.rnnlab.plugins..").should().dependOnClassesThat()
        .resideInAnyPackage(beyond).because("a plugin compiles against rnnlab-api alone").check(classes);
  }

  @Test
  void theFrameworkKnowsNoPlugin() {
    String[] framework = CHAIN.stream().map(p -> "org.rnnlab." + p + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(framework).should().dependOnClassesThat()
        .resideInAPackage("org.rnnlab.plugins..").check(classes);
  }

  @Test
  void theApiNeedsNoneOfTheCoresLibraries() {
    String[] api = API.stream().map(p -> "org.rnnlab." + p + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(api).should().dependOnClassesThat()
        .resideInAnyPackage("picocli..", "org.knowm.xchart..", "org.apache.commons.csv..", "org.yaml.snakeyaml..")
        .check(classes);
  }
}
