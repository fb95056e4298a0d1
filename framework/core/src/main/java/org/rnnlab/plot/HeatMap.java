package org.rnnlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.rnnlab.store.AtomicFiles;

/**
 * A heatmap of values in [min, max] over two categorical axes, each cell coloured and labelled with
 * its value (two decimals); a cell without a value stays white and unlabelled. Drawn with XChart's
 * heat map, written as PNG through a temporary file like every rnnlab chart.
 *
 * @param title the chart's title
 * @param xLabel the title of the axis across (the columns)
 * @param yLabel the title of the axis up (the rows; the first row is drawn at the bottom)
 * @param columns the column names, left to right
 * @param rows the row names, bottom to top
 * @param values {@code values[row][column]}, NaN where there is none
 * @param min the value of the lightest colour
 * @param max the value of the darkest colour
 */
public record HeatMap(String title, String xLabel, String yLabel, List<String> columns, List<String> rows,
    double[][] values, double min, double max) {

  /**
   * ColorBrewer's YlGnBu (Brewer 2003) from its lightest to a mid blue: sequential, readable by most
   * colour-blind readers, and light enough everywhere for black labels.
   */
  static final Color[] SCALE = {new Color(0xFFFFD9), new Color(0xC7E9B4), new Color(0x7FCDBB), new Color(0x41B6C4),
    new Color(0x1D91C0)};

  public HeatMap {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    if (values.length != rows.size()) {
      throw new IllegalArgumentException("values must be " + rows.size() + " rows of " + columns.size());
    }
    for (double[] row : values) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("values must be " + rows.size() + " rows of " + columns.size());
      }
    }
    if (!(min < max)) {
      throw new IllegalArgumentException("min " + min + " must be below max " + max);
    }
  }

  /**
   * Writes the heatmap as a PNG.
   *
   * @throws IllegalStateException when no cell has a value
   */
  public void writePng(Path target) throws IOException {
    System.setProperty("java.awt.headless", "true");
    // wide enough for the title (XChart's bold title runs about 8.5 px a character) and the columns
    int width = Math.max(Math.max(520, 130 + 90 * columns.size()), (int) (8.5 * title.length()) + 60);
    int height = Math.max(380, 130 + 56 * rows.size());
    HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(new Color(0xCCCCCC));
    styler.setRangeColors(SCALE);
    styler.setMin(min);
    styler.setMax(max);
    styler.setShowValue(true);
    styler.setValueFontColor(Color.BLACK);
    styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setHeatMapValueDecimalPattern("0.00");
    styler.setDrawBorder(true);
    styler.setPlotGridLinesVisible(false);
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        if (Double.isFinite(values[r][c])) {
          // XChart labels the value it colours by: round it to the two decimals shown
          cells.add(new Number[] {c, r, Math.round(values[r][c] * 100) / 100.0});
        }
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalStateException("nothing to draw in " + target.getFileName() + ": no cell has a value");
    }
    chart.addSeries(" ", columns, rows, cells);
    AtomicFiles.write(target, false, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }
}
