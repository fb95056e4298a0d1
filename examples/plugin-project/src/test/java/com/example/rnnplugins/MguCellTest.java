package com.example.rnnplugins;

import org.rnnlab.spi.Cell;
import org.rnnlab.testkit.CellContract;

/** BPTT through the MGU agrees with finite differences, as every cell's must. */
class MguCellTest extends CellContract {
  @Override
  protected Cell cell() {
    return new MguCell(new MguCell.Settings(1.0));
  }
}
