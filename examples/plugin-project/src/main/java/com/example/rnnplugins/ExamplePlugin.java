package com.example.rnnplugins;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Task;

/** Registers this project's components; named in META-INF/services/org.rnnlab.plugin.PluginModule. */
public final class ExamplePlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Cell.class, "mgu", "minimal gated unit: one forget gate (Zhou et al. 2016)",
        MguCell.Settings.class, MguCell::new);
    register(Task.class, "reverse", "read N symbols, then write them in reverse order",
        ReverseTask.Settings.class, ReverseTask::new);
  }
}
