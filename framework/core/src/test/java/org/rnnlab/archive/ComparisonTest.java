package org.rnnlab.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs are labelled by the least that tells them apart; runs differing by seed only are one line. */
class ComparisonTest {
  @TempDir Path dir;
  private int made;

  private Path run(String config, String metrics) throws IOException {
    Path run = Files.createDirectories(dir.resolve("run" + ++made));
    Files.writeString(run.resolve("config.yaml"), config);
    Files.writeString(run.resolve("metrics.csv"), metrics);
    return run;
  }

  private Path run(String config) throws IOException {
    return run(config, "step,loss\n10,1.0\n");
  }

  @Test
  void runsOfOneNameAreLabelledByTheKeyThatTellsThemApart() throws IOException {
    Comparison c = Comparison.of(List.of(run("name: alpha\noptimizer: {learning_rate: 0.01}\n"),
        run("name: alpha\noptimizer: {learning_rate: 0.003}\n")));
    assertEquals(List.of("learning_rate=0.01", "learning_rate=0.003"), c.labels());
  }

  @Test
  void unrelatedRunsAreLabelledByTheirNamesNotByOneOfTheirDifferences() throws IOException {
    Comparison c = Comparison.of(List.of(run("name: alpha\noptimizer: {learning_rate: 0.01}\nhidden: 5\n"),
        run("name: beta\noptimizer: {learning_rate: 0.003}\nhidden: 7\n")));
    assertEquals(List.of("alpha", "beta"), c.labels());
  }

  @Test
  void aTypeKeyKeepsTheKeyOfItsComponent() throws IOException {
    Comparison c = Comparison.of(List.of(run("name: x\ntask: {type: copy}\nnetwork: {cell: {type: rnn}}\n"),
        run("name: x\ntask: {type: copy}\nnetwork: {cell: {type: gru}}\n")));
    assertEquals(List.of("cell.type=rnn", "cell.type=gru"), c.labels());
  }

  @Test
  void namesComeFirstAndKeysTellApartTheRunsOfOneName() throws IOException {
    Comparison c = Comparison.of(List.of(run("name: a\nlr: 0.1\n"), run("name: a\nlr: 0.2\n"),
        run("name: b\nlr: 0.1\n")));
    assertEquals(List.of("a lr=0.1", "a lr=0.2", "b lr=0.1"), c.labels());
  }

  @Test
  void namesWhenTheyTellApartWhatTakesSeveralKeys() throws IOException {
    Comparison c = Comparison.of(List.of(
        run("name: plain\ncell: {type: rnn, activation: tanh}\nlr: 0.01\n"),
        run("name: irnn\ncell: {type: rnn, activation: relu}\nlr: 0.002\n"),
        run("name: gated\ncell: {type: gru}\nlr: 0.01\n")));
    assertEquals(List.of("plain", "irnn", "gated"), c.labels());
  }

  @Test
  void theFewestKeysWhenNamesDoNotTellApart() throws IOException {
    Comparison c = Comparison.of(List.of(
        run("name: x\ncell: {type: rnn, activation: tanh}\nhidden: 10\n"),
        run("name: x\ncell: {type: rnn, activation: relu}\nhidden: 10\n"),
        run("name: x\ncell: {type: gru}\nhidden: 10\n"),
        run("name: x\ncell: {type: gru}\nhidden: 20\n")));
    assertEquals(List.of("cell.type=rnn activation=tanh hidden=10", "cell.type=rnn activation=relu hidden=10",
        "cell.type=gru hidden=10", "cell.type=gru hidden=20"), c.labels());
  }

  @Test
  void seedsAreAddedToTheGroupLabel() throws IOException {
    Comparison c = Comparison.of(List.of(run("name: a\nseed: 1\nlr: 0.1\n"), run("name: a\nseed: 2\nlr: 0.1\n"),
        run("name: a\nseed: 1\nlr: 0.2\n")));
    assertEquals(List.of("lr=0.1 seed=1", "lr=0.1 seed=2", "lr=0.2 seed=1"), c.labels());
    Comparison seedsOnly = Comparison.of(List.of(run("name: a\nseed: 1\n"), run("name: a\nseed: 2\n")));
    assertEquals(List.of("seed=1", "seed=2"), seedsOnly.labels());
  }

  @Test
  void chartsDrawRunsThatDifferBySeedOnlyAsOneLine() throws IOException {
    List<Path> runs = new ArrayList<>();
    runs.add(run("name: a\nseed: 1\nlr: 0.1\n", "step,loss\n10,1.0\n20,0.5\n"));
    runs.add(run("name: a\nseed: 2\nlr: 0.1\n", "step,loss\n10,3.0\n20,0.7\n"));
    runs.add(run("name: a\nseed: 1\nlr: 0.2\n", "step,loss\n10,2.0\n20,1.5\n"));
    Comparison c = Comparison.of(runs);
    assertEquals(List.of("lr=0.1 (2 seeds)", "lr=0.2 seed=1"), names(c.chart("loss", false)));
    assertEquals(List.of("lr=0.1 seed=1", "lr=0.1 seed=2", "lr=0.2 seed=1"), names(c.chart("loss", true)));
    assertEquals(2, c.writeCharts(dir, "", List.of("loss", "absent"), false, true).size(), "png and svg of loss only");
    assertTrue(Files.size(dir.resolve("loss.png")) > 0);
  }

  @Test
  void aRatioOfTwoColumnsAgainstTrainingTimeIsALinePerRun() throws IOException {
    List<Path> runs = new ArrayList<>();
    runs.add(run("name: a\nseed: 1\n", "step,train_seconds,test_loss,baseline_loss\n10,60,,20\n20,120,5,20\n"
        + "30,180,1,20\n"));
    runs.add(run("name: a\nseed: 2\n", "step,train_seconds,test_loss,baseline_loss\n10,30,10,20\n"));
    Comparison c = Comparison.of(runs);
    var chart = c.chart("test_loss/baseline_loss", false, "train_minutes");
    assertEquals(List.of("seed=1", "seed=2"), names(chart), "no mean over seeds against time");
    assertArrayEquals(new double[] {2, 3}, chart.series().get(0).x(), "minutes, the rows with a test loss only");
    assertArrayEquals(new double[] {0.25, 0.05}, chart.series().get(0).y());
    assertArrayEquals(new double[] {0.5}, chart.series().get(1).y());
    assertEquals(List.of(), c.absentMetrics(List.of("test_loss/baseline_loss", "train_minutes")));
    assertEquals(List.of("test_loss/absent"), c.absentMetrics(List.of("test_loss/absent")));
    String best = c.metricsTable(List.of("test_loss/baseline_loss"), Comparison.Stat.BEST).render(Table.Format.CSV);
    assertTrue(best.contains("0.05 @ 30") && best.contains("0.5 @ 10"), best);
    assertEquals(2, c.writeCharts(dir, "", List.of("test_loss/baseline_loss"), false, true, "train_minutes").size());
    assertTrue(Files.size(dir.resolve("test_loss_per_baseline_loss.png")) > 0);
  }

  private static List<String> names(org.rnnlab.experiment.LineChart chart) {
    return chart.series().stream().map(org.rnnlab.experiment.LineChart.Series::name).toList();
  }
}
