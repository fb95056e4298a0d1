package org.rnnlab.plugins.tasks;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Task;

/** Tasks. */
public final class TasksPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Task.class, "memory", "remember L random symbols of K and repeat them after a delimiter;"
        + " accuracy counts the L positions after it", MemoryTask.Settings.class, MemoryTask::new);
  }
}
