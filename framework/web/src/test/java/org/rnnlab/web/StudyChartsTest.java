package org.rnnlab.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gradient-growth table as the run page's charts: a line per condition, what a log axis can show. */
class StudyChartsTest {
  @TempDir Path run;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> charts(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("charts");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> series(Map<String, Object> chart) {
    return (List<Map<String, Object>>) chart.get("series");
  }

  @Test
  void aLinePerConditionBeforeAndAfterClippingLeavingOutWhatALogAxisCannotShow() throws IOException {
    Files.writeString(run.resolve("gradient-growth.csv"), """
        condition,length,mean_abs_gradient,norm,clipped_norm,norm_W
        "rnn tanh, hidden 10",1,0.5,2.0,1.0,1.5
        "rnn tanh, hidden 10",2,0.25,4.0,1.0,3.5
        "rnn tanh, hidden 10",3,0,NaN,1.0,0
        lstm hidden 10,1,0.1,0.3,0.3,0.2
        lstm hidden 10,2,0.1,Infinity
        """);
    Map<String, Object> answer = StudyCharts.of(run);
    assertEquals("length", answer.get("x"));
    List<Map<String, Object>> charts = charts(answer);
    assertEquals(List.of("study_norm", "study_mean_abs_gradient"), charts.stream().map(c -> c.get("key")).toList());
    List<Map<String, Object>> norms = series(charts.get(0));
    assertEquals(List.of("rnn tanh, hidden 10", "lstm hidden 10", "rnn tanh, hidden 10 (clipped)",
        "lstm hidden 10 (clipped)"), norms.stream().map(s -> s.get("name")).toList(), "quoted names stay whole");
    assertArrayEquals(new double[] {1, 2}, (double[]) norms.get(0).get("x"), "NaN left out");
    assertArrayEquals(new double[] {2, 4}, (double[]) norms.get(0).get("y"));
    assertArrayEquals(new double[] {1, 2, 3}, (double[]) norms.get(2).get("x"));
    assertArrayEquals(new double[] {1}, (double[]) norms.get(1).get("x"), "a torn last row is left out");
    List<Map<String, Object>> means = series(charts.get(1));
    assertArrayEquals(new double[] {0.5, 0.25}, (double[]) means.get(0).get("y"), "zero left out");
    assertTrue(Json.write(answer).contains("\"study_norm\""));
  }

  @Test
  void aRunWithoutTheTableHasNoCharts() throws IOException {
    assertEquals(List.of(), charts(StudyCharts.of(run)));
    Files.writeString(run.resolve("gradient-growth.csv"), "something,else\n1,2\n");
    assertEquals(List.of(), charts(StudyCharts.of(run)), "a table of another shape draws nothing");
  }
}
