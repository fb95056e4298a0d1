package com.example.rnnplugins;

import org.rnnlab.spi.Task;
import org.rnnlab.testkit.TaskContract;

/** The reversal task keeps the contract of every task. */
class ReverseTaskTest extends TaskContract {
  @Override
  protected Task task() {
    return new ReverseTask(new ReverseTask.Settings(5, 3));
  }
}
