package org.rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvAppenderTest {
  @TempDir Path dir;

  static final List<String> COLUMNS = List.of("step", "loss", "accuracy", "grad_norm");

  @Test
  void headerFirstThenEveryRowOnDiskAsSoonAsItIsAppended() throws IOException {
    Path file = dir.resolve("metrics.csv");
    try (CsvAppender csv = CsvAppender.create(file, COLUMNS)) {
      assertEquals(List.of(String.join(",", COLUMNS)), Files.readAllLines(file));
      csv.append(new double[] {10, 0.1 + 0.2, Double.NaN, 1e-300});
      // Not closed: the row must already be readable.
      List<CSVRecord> records = parse(file);
      assertEquals(1, records.size());
      assertEquals("10", records.get(0).get("step"));
      assertEquals(0.1 + 0.2, Double.parseDouble(records.get(0).get("loss")), "full precision");
      assertEquals("", records.get(0).get("accuracy"), "a missing value is an empty field");
      assertEquals(1e-300, Double.parseDouble(records.get(0).get("grad_norm")));
      csv.appendFields(List.of(20, "a, \"quoted\" text", true, 2.5));
    }
    List<CSVRecord> records = parse(file);
    assertEquals(2, records.size());
    assertEquals("a, \"quoted\" text", records.get(1).get("loss"));
    assertEquals("true", records.get(1).get("accuracy"));
  }

  @Test
  void appendingContinuesAFileAndNeverCreatesOne() throws IOException {
    Path file = dir.resolve("t.csv");
    CsvAppender.create(file, COLUMNS).close();
    assertThrows(FileAlreadyExistsException.class, () -> CsvAppender.create(file, COLUMNS));
    try (CsvAppender csv = CsvAppender.append(file, COLUMNS.size())) {
      csv.append(new double[] {1, 2, 3, 4});
    }
    assertEquals(1, parse(file).size());
    assertThrows(IOException.class, () -> CsvAppender.append(dir.resolve("absent.csv"), 4));
    try (CsvAppender csv = CsvAppender.append(file, COLUMNS.size())) {
      assertThrows(IllegalArgumentException.class, () -> csv.append(new double[] {1, 2}));
    }
  }

  @Test
  void numbersAreWrittenSoThatTheyReadBackBitForBit() {
    for (double v : new double[] {0.1 + 0.2, 1e-300, -0.0, 1e15, 123456789012345.0, Math.PI, -7}) {
      assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(CsvAppender.field(v))));
    }
    assertEquals("3", CsvAppender.field(3.0));
    assertEquals("", CsvAppender.field(Double.NaN));
  }

  private static List<CSVRecord> parse(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      return parser.getRecords();
    }
  }
}
