package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.config.Binder;
import org.rnnlab.config.ConfigNode;
import org.rnnlab.config.Origin;
import org.rnnlab.discovery.Plugins;
import org.rnnlab.nn.GradientCheck;
import org.rnnlab.plugin.ComponentRegistry;
import org.rnnlab.plugin.ComponentType;
import org.rnnlab.spi.Cell;
import org.rnnlab.testkit.CellContract;

/**
 * The cell contract over every cell the plugins register, with its default settings, batch 1 and
 * batch 4, T = 12: a new cell is covered without writing a test (the deliberately broken test cell
 * is the one expected to fail).
 */
class EveryRegisteredCellTest {

  static Stream<Arguments> cells() {
    ComponentRegistry registry = Guice.createInjector(Plugins.discover(EveryRegisteredCellTest.class.getClassLoader())
        .guiceModules()).getInstance(ComponentRegistry.class);
    Binder binder = new Binder(registry);
    List<Arguments> cases = new ArrayList<>();
    for (ComponentType<?> type : registry.components(Cell.class)) {
      Cell cell = (Cell) type.create(binder.bindSettings(type, new ConfigNode.MapNode(Origin.of("test")), "cell"));
      for (int batch : new int[] {1, 4}) {
        cases.add(Arguments.of(type.name(), batch, cell));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, batch {1}")
  @MethodSource("cells")
  void passesTheGradientCheckContract(String name, int batchSize, Cell cell) {
    GradientCheck.Entry worst = CellContract.worst(CellContract.check(cell, 0.5, batchSize, true, 21));
    double error = worst.relativeError(CellContract.FLOOR);
    if (name.equals("broken-test")) {
      assertTrue(error > 1e-3, "the broken test cell must fail: " + worst);
    } else {
      assertTrue(error < CellContract.MAX_RELATIVE_ERROR, name + ": " + worst + " relative error " + error);
    }
  }
}
