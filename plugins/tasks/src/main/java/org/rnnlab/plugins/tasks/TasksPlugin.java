package org.rnnlab.plugins.tasks;

import org.rnnlab.plugin.PluginModule;
import org.rnnlab.spi.Task;

/** Tasks. */
public final class TasksPlugin extends PluginModule {
  @Override
  protected void configure() {
    register(Task.class, "memory", "remember L random symbols of K and repeat them after a delimiter;"
        + " accuracy counts the L positions after it", MemoryTask.Settings.class, MemoryTask::new);
    register(Task.class, "copy", "copy N symbols after a delay of T blanks (Arjovsky et al. 2016); baseline N·ln K",
        CopyTask.Settings.class, CopyTask::new);
    register(Task.class, "adding", "output the sum of the two marked values of T (Hochreiter & Schmidhuber 1997);"
        + " real-valued, use loss: mse; baseline MSE 1/6", AddingTask.Settings.class, AddingTask::new);
    register(Task.class, "random-sequence", "predict the next of uniformly random symbols (drives the"
        + " gradient-growth study)", RandomSequenceTask.Settings.class, RandomSequenceTask::new);
    register(Task.class, "text", "a UTF-8 text file, character by character: predict the next character"
        + " (truncated BPTT over parallel streams, state carried between chunks)", TextTask.Settings.class,
        TextTask::new);
  }
}
