package org.rnnlab.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnlab.run.RunLiveness;
import org.rnnlab.spi.MetricRow;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@code ./run list} knows of one archived run, read from its files without ever failing: a
 * missing or unreadable summary makes the run "damaged", a summary that says running while its
 * process is gone makes it "incomplete" (killed hard), a torn metrics line is noted.
 *
 * @param directory the run directory
 * @param name the run's name
 * @param start its start time as written, or "-"
 * @param status completed, failed, diverged, interrupted, running, incomplete or damaged (for a
 *     sweep: "sweep")
 * @param steps the last step, or null
 * @param finalLoss the training loss of the last logged row, or null
 * @param finalAccuracy the last test accuracy, or null
 * @param bestAccuracy the best test accuracy, or null
 * @param wallSeconds the wall time, or null
 * @param problems what is wrong with the directory, empty when nothing
 */
public record RunRecord(Path directory, String name, String start, String status, Long steps, Double finalLoss,
    Double finalAccuracy, Double bestAccuracy, Double wallSeconds, List<String> problems) {

  /** True when {@code directory} looks like a run (a config or a summary) or a sweep. */
  public static boolean isRun(Path directory) {
    return Files.isRegularFile(directory.resolve("config.yaml")) || Files.isRegularFile(directory.resolve("summary.yaml"))
        || isSweep(directory);
  }

  public static boolean isSweep(Path directory) {
    return Files.isRegularFile(directory.resolve("sweep.yaml"));
  }

  /** Reads what can be read; never throws. */
  public static RunRecord read(Path directory) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> summary = yaml(directory.resolve(isSweep(directory) ? "sweep.yaml" : "summary.yaml"), problems);
    String name = text(summary.get("name"), directory.getFileName().toString());
    String start = text(summary.get("start"), "-");
    String status;
    if (isSweep(directory)) {
      status = "sweep";
      Object points = summary.get("status");
      if (points != null) {
        status = "sweep: " + points;
      }
    } else if (summary.isEmpty()) {
      status = "damaged";
    } else {
      status = text(summary.get("status"), "damaged");
      String dead = status.equals("running") ? RunLiveness.deadReason(summary, directory) : null;
      if (dead != null) {
        status = "incomplete";
        problems.add(dead);
      }
    }
    Long steps = summary.get("steps") instanceof Number n ? n.longValue() : null;
    Double finalLoss = number(nested(summary, "final", "loss"));
    Double finalAccuracy = number(nested(summary, "final", "test_accuracy"));
    Double bestAccuracy = number(nested(summary, "best", "test_accuracy"));
    Double wall = number(summary.get("wall_seconds"));
    Path metrics = directory.resolve(MetricsTable.FILE);
    if (Files.exists(metrics)) {
      try {
        MetricsTable table = MetricsTable.read(metrics);
        if (table.damagedLines() > 0) {
          problems.add(MetricsTable.FILE + ": " + table.damagedLines() + " damaged line(s) left out");
        }
        List<MetricRow> rows = table.rows();
        if (!rows.isEmpty() && (steps == null || !status.equals("completed"))) {
          MetricRow last = rows.get(rows.size() - 1);
          steps = steps == null ? last.step() : Math.max(steps, last.step());
          if (finalLoss == null && last.has("loss")) {
            finalLoss = last.get("loss");
          }
          if (finalAccuracy == null && last.has("test_accuracy")) {
            finalAccuracy = lastNumber(rows, "test_accuracy");
            bestAccuracy = rows.stream().mapToDouble(r -> r.get("test_accuracy")).filter(v -> !Double.isNaN(v))
                .max().stream().boxed().findFirst().orElse(null);
          }
        }
      } catch (IOException e) {
        problems.add(MetricsTable.FILE + " unreadable: " + e.getMessage());
      }
    }
    return new RunRecord(directory, name, start, status, steps, finalLoss, finalAccuracy, bestAccuracy, wall,
        List.copyOf(problems));
  }

  private static Double lastNumber(List<MetricRow> rows, String column) {
    for (int i = rows.size() - 1; i >= 0; i--) {
      double v = rows.get(i).get(column);
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file, List<String> problems) {
    if (!Files.exists(file)) {
      problems.add("no " + file.getFileName());
      return Map.of();
    }
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(1 << 20);
      Object value = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      problems.add(file.getFileName() + " is not a mapping");
    } catch (IOException | RuntimeException e) {
      problems.add(file.getFileName() + " unreadable: " + firstLine(e.getMessage()));
    }
    return Map.of();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static Object nested(Map<String, Object> map, String outer, String inner) {
    return map.get(outer) instanceof Map<?, ?> m ? m.get(inner) : null;
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }

  private static String text(Object value, String otherwise) {
    return value == null ? otherwise : value.toString();
  }
}
