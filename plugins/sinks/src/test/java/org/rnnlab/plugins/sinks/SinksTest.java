package org.rnnlab.plugins.sinks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.SinkContext;
import org.rnnlab.testkit.MetricSinkContract;

class SinksTest {

  @Nested
  class Chart extends MetricSinkContract {
    @Override
    protected MetricSink sink() {
      return new ChartSink(new ChartSink.Settings(List.of("loss", "accuracy", "grad_norm"), List.of("grad_norm"),
          true, 400, 300, 0));
    }

    private RecordingCharts draw(double[]... rows) throws IOException {
      Path run = Files.createDirectories(root.resolve("r"));
      RecordingCharts charts = new RecordingCharts(run);
      MetricSink sink = sink();
      sink.open(new SinkContext(run, COLUMNS_WITH_DERIVED, 30, new RecordingConsole(), charts,
          Map.of("accuracy", 0.125, "loss", 9.0), false, List.of()));
      for (double[] row : rows) {
        sink.accept(new MetricRow(COLUMNS_WITH_DERIVED, row));
      }
      sink.close(RunStatus.COMPLETED);
      return charts;
    }

    static final List<String> COLUMNS_WITH_DERIVED = List.of("step", "loss", "accuracy", "grad_norm",
        "clipped_grad_norm", "test_accuracy", "baseline_loss");

    @Test
    void drawsOneChartPerNameWithEveryColumnEndingInIt() throws IOException {
      RecordingCharts charts = draw(new double[] {10, 2.0, 0.2, 3, 1, Double.NaN, 9},
          new double[] {20, 1.0, 0.6, 5, 1, 0.5, 9});
      assertEquals(List.of("loss.png", "accuracy.png", "grad_norm.png"), charts.files);
      LineChart loss = charts.charts.get(0), accuracy = charts.charts.get(1), norm = charts.charts.get(2);
      assertEquals(List.of("loss", "baseline_loss"), names(loss));
      assertEquals(List.of("accuracy", "test_accuracy"), names(accuracy));
      assertEquals(List.of("grad_norm", "clipped_grad_norm"), names(norm));
      assertEquals(400, loss.width());
      assertEquals(300, loss.height());
      assertArrayEquals(new double[] {10, 20}, loss.series().get(0).x());
      assertArrayEquals(new double[] {2.0, 1.0}, loss.series().get(0).y());
    }

    @Test
    void derivedColumnsAreDashedInTheHueOfWhatTheyDeriveFrom() throws IOException {
      LineChart norm = draw(new double[] {10, 2.0, 0.2, 3, 1, Double.NaN, 9}).charts.get(2);
      LineChart.Series raw = norm.series().get(0), clipped = norm.series().get(1);
      assertEquals(LineChart.Style.SOLID, raw.style());
      assertEquals(LineChart.Style.DASHED, clipped.style());
      assertEquals(raw.hue(), clipped.hue());
      assertEquals(LineChart.Scale.LOG, norm.yScale(), "grad_norm is in log_y");
    }

    @Test
    void accuracyShowsTheChanceLevelAndOtherChartsScaleThemselves() throws IOException {
      RecordingCharts charts = draw(new double[] {10, 2.0, 0.2, 3, 1, Double.NaN, 9});
      LineChart loss = charts.charts.get(0), accuracy = charts.charts.get(1);
      assertEquals(List.of(new LineChart.Reference("chance", 0.125)), accuracy.references());
      assertTrue(loss.references().isEmpty(), "the baseline is a column of its own here");
      assertEquals(LineChart.Scale.AUTO, loss.yScale());
    }
  }

  @Nested
  class ConsoleLine extends MetricSinkContract {
    @Override
    protected MetricSink sink() {
      return new ConsoleSink(new ConsoleSink.Settings(List.of("loss", "accuracy", "test_accuracy", "absent")));
    }

    @Test
    void showsProgressAndKeepsEvaluationRows() throws IOException {
      RecordingConsole console = new RecordingConsole();
      MetricSink sink = sink();
      sink.open(context(root, console, new RecordingCharts(root)));
      sink.accept(new MetricRow(COLUMNS, new double[] {10, 2.5, 0.125, 3, Double.NaN}));
      sink.accept(new MetricRow(COLUMNS, new double[] {20, 1.5, 0.5, 3, 0.75}));
      sink.close(RunStatus.COMPLETED);
      assertEquals(List.of("step 10/30 · loss 2.5000 · accuracy 0.1250"), console.progress);
      assertEquals(List.of("step 20/30 · loss 1.5000 · accuracy 0.5000 · test_accuracy 0.7500"), console.lines);
    }

    @Test
    void theEtaCountsWithATimeLimitWhenThatComesFirst() throws IOException {
      List<String> columns = List.of("step", "train_seconds");
      for (double limit : new double[] {0, 100, 1}) {
        RecordingConsole console = new RecordingConsole();
        MetricSink sink = sink();
        sink.open(new SinkContext(root, columns, 1000, limit, console, new RecordingCharts(root), Map.of(), false,
            List.of()));
        sink.accept(new MetricRow(columns, new double[] {10, 5})); // 0.5 s per step: 990 steps left take 8:15
        String expected = limit == 0 ? "ETA 8:15" : limit == 100 ? "ETA 1:35" : "ETA 0:00";
        assertTrue(console.progress.get(0).endsWith(expected), limit + ": " + console.progress.get(0));
      }
    }

    @Test
    void formatsNumbersAndDurations() {
      assertEquals("1.235e+05", ConsoleSink.format(123456.7));
      assertEquals("123.5", ConsoleSink.format(123.456));
      assertEquals("0.1235", ConsoleSink.format(0.123456));
      assertEquals("1.000e-04", ConsoleSink.format(1e-4));
      assertEquals("1:05", ConsoleSink.duration(65));
      assertEquals("1:01:01", ConsoleSink.duration(3661));
    }
  }

  private static List<String> names(LineChart chart) {
    return chart.series().stream().map(LineChart.Series::name).toList();
  }
}
