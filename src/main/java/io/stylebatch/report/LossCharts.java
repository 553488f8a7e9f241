package io.stylebatch.report;

import io.stylebatch.transfer.LossRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Loss curves as PNG images (JFreeChart), log-scaled since losses fall over orders of magnitude. */
final class LossCharts {
  /** Okabe-Ito: distinguishable with colour-vision deficiencies and in print; no pale yellow for thin lines. */
  private static final Color[] PALETTE = {new Color(0, 0, 0), new Color(0, 114, 178), new Color(213, 94, 0),
      new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233)};

  private LossCharts() {}

  /**
   * One pair: the weighted total on the left axis, the three unweighted terms on their own axis on the
   * right, so that a small term (often TV) is not flattened against the total's scale; dashed lines mark
   * where a coarse-to-fine run moved to the next scale.
   */
  static byte[] pairChart(List<LossRecord> points, int width, int height) {
    XYSeriesCollection total = new XYSeriesCollection();
    total.addSeries(series("total (weighted)", points, r -> r.losses().total()));
    XYSeriesCollection terms = new XYSeriesCollection();
    terms.addSeries(series("content", points, r -> r.losses().content()));
    terms.addSeries(series("style", points, r -> r.losses().style()));
    terms.addSeries(series("tv", points, r -> r.losses().tv()));
    JFreeChart chart = chart(null, total, true);
    XYPlot plot = chart.getXYPlot();
    LogAxis termsAxis = logAxis("terms (unweighted)");
    widenIfFlat(termsAxis, terms);
    plot.setRangeAxis(1, termsAxis);
    plot.setDataset(1, terms);
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < terms.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i + 1]);
      renderer.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    plot.setRenderer(1, renderer);
    for (LossRecord start : scaleStarts(points)) {
      ValueMarker marker = new ValueMarker(start.iteration(), new Color(120, 120, 120), new BasicStroke(1f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
      marker.setLabel(start.scale() + " px");
      marker.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 9));
      marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(marker);
    }
    return png(chart, width, height);
  }

  /** The first row of each scale after the first: where a coarse-to-fine run moved to a larger image. */
  static List<LossRecord> scaleStarts(List<LossRecord> points) {
    List<LossRecord> starts = new java.util.ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).scale() != points.get(i - 1).scale()) {
        starts.add(points.get(i));
      }
    }
    return starts;
  }

  /**
   * The total loss over every pair of the run, per iteration: the median as a line between the 10th and the
   * 90th percentile. Three lines whatever the number of pairs, so the chart's cost does not grow with the run.
   *
   * @param band per iteration {iteration, p10, p50, p90}
   */
  static byte[] bandChart(List<double[]> band, int width, int height) {
    XYSeriesCollection data = new XYSeriesCollection();
    String[] names = {"median", "10th percentile", "90th percentile"};
    int[] column = {2, 1, 3};
    for (int k = 0; k < 3; k++) {
      XYSeries s = new XYSeries(names[k], false, true);
      for (double[] p : band) {
        if (p[column[k]] > 0 && Double.isFinite(p[column[k]])) {
          s.add(p[0], p[column[k]]);
        }
      }
      data.addSeries(s);
    }
    return png(chart("Total loss over all pairs", data, true), width, height);
  }

  private static XYSeries series(String name, List<LossRecord> points, java.util.function.ToDoubleFunction<LossRecord> f) {
    XYSeries s = new XYSeries(name, false, true);
    for (LossRecord p : points) {
      double v = f.applyAsDouble(p);
      if (v > 0 && Double.isFinite(v)) {
        s.add(p.iteration(), v);
      }
    }
    return s;
  }

  private static JFreeChart chart(String title, XYSeriesCollection data, boolean legend) {
    JFreeChart chart = ChartFactory.createXYLineChart(title, "iteration", "loss", data, PlotOrientation.VERTICAL,
        legend, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis axis = logAxis("total loss (weighted)");
    widenIfFlat(axis, data);
    plot.setRangeAxis(axis);
    ((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis())
        .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(i == 0 ? 2.2f : 1.6f));
      plot.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /**
   * A log axis cannot auto-range over a single value (one logged iterate, or equal losses): JFreeChart
   * throws. Such data gets a fixed range of a factor of 10 around the value.
   */
  private static void widenIfFlat(LogAxis axis, XYSeriesCollection data) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < data.getSeriesCount(); s++) {
      for (int i = 0; i < data.getItemCount(s); i++) {
        double v = data.getYValue(s, i);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo <= hi && hi / lo < 1.0001) {
      axis.setRange(lo / Math.sqrt(10), hi * Math.sqrt(10));
    }
  }

  private static LogAxis logAxis(String label) {
    LogAxis log = new LogAxis(label);
    log.setSmallestValue(1e-12);
    log.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0")); // 2.5E6, not 10^6.4
    return log;
  }

  private static byte[] png(JFreeChart chart, int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, width, height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
