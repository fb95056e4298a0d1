package org.rnnlab.plugins.sinks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.testing.MetricSinkContract;

class SinksTest {

  @Nested
  class Csv extends MetricSinkContract {
    @Override
    protected MetricSink sink() {
      return new CsvSink(new CsvSink.Settings());
    }

    @Test
    void headerFirstThenEveryRowOnDiskAsSoonAsItIsAccepted() throws IOException {
      Path run = Files.createDirectories(root.resolve("r"));
      MetricSink sink = sink();
      sink.open(context(run, new RecordingConsole()));
      assertEquals(List.of(String.join(",", COLUMNS)), Files.readAllLines(run.resolve("metrics.csv")));
      sink.accept(new MetricRow(COLUMNS, new double[] {10, 0.1 + 0.2, Double.NaN, 1e-300, 0.5}));
      // Not closed: the row must already be readable.
      List<CSVRecord> records = parse(run.resolve("metrics.csv"));
      assertEquals(1, records.size());
      assertEquals("10", records.get(0).get("step"));
      assertEquals(0.1 + 0.2, Double.parseDouble(records.get(0).get("loss")), "full precision");
      assertEquals("", records.get(0).get("accuracy"), "a missing value is an empty field");
      assertEquals(1e-300, Double.parseDouble(records.get(0).get("grad_norm")));
      sink.accept(new MetricRow(COLUMNS, new double[] {20, 1, 2, 3, 4}));
      sink.close(RunStatus.COMPLETED);
      assertEquals(2, parse(run.resolve("metrics.csv")).size());
    }

    private List<CSVRecord> parse(Path file) throws IOException {
      try (Reader reader = Files.newBufferedReader(file);
          CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        return parser.getRecords();
      }
    }
  }

  @Nested
  class Chart extends MetricSinkContract {
    @Override
    protected MetricSink sink() {
      return new ChartSink(new ChartSink.Settings(List.of("loss", "accuracy", "grad_norm"), List.of("grad_norm"),
          400, 300, 0));
    }

    @Test
    void drawsOnePngPerChartSkippingPointsThatCannotBeDrawn() throws IOException {
      Path run = Files.createDirectories(root.resolve("r"));
      MetricSink sink = sink();
      sink.open(context(run, new RecordingConsole()));
      sink.accept(new MetricRow(COLUMNS, new double[] {10, 2.0, 0.2, 0, Double.NaN}));
      sink.accept(new MetricRow(COLUMNS, new double[] {20, Double.NaN, 0.4, Double.POSITIVE_INFINITY, 0.3}));
      sink.accept(new MetricRow(COLUMNS, new double[] {30, 1.0, 0.6, 5, 0.5}));
      sink.close(RunStatus.COMPLETED);
      for (String chart : new String[] {"loss", "accuracy", "grad_norm"}) {
        Path png = run.resolve(chart + ".png");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, chart);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, chart);
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
      }
      try (var files = Files.list(run)) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
      }
    }

    @Test
    void aChartWithoutDrawablePointsIsNotWritten() throws IOException {
      Path run = Files.createDirectories(root.resolve("r"));
      ChartSink sink = (ChartSink) sink();
      sink.open(context(run, new RecordingConsole()));
      sink.accept(new MetricRow(COLUMNS, new double[] {10, 1, 1, 0, Double.NaN})); // grad_norm 0 on a log axis
      assertFalse(sink.chart("grad_norm").hasPoints());
      sink.close(RunStatus.COMPLETED);
      assertFalse(Files.exists(run.resolve("grad_norm.png")));
      assertTrue(Files.exists(run.resolve("loss.png")));
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
      sink.open(context(root, console));
      sink.accept(new MetricRow(COLUMNS, new double[] {10, 2.5, 0.125, 3, Double.NaN}));
      sink.accept(new MetricRow(COLUMNS, new double[] {20, 1.5, 0.5, 3, 0.75}));
      sink.close(RunStatus.COMPLETED);
      assertEquals(List.of("step 10/30 · loss 2.5000 · accuracy 0.1250"), console.progress);
      assertEquals(List.of("step 20/30 · loss 1.5000 · accuracy 0.5000 · test_accuracy 0.7500"), console.lines);
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
}
