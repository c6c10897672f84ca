package dev.quarry.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The ratios as a picture: one box plot per section, stacked in one image. Each box is a
 * contender's time relative to the section's baseline, one value per round (median line, box
 * from the first to the third quartile, whiskers to the extremes within 1.5 box lengths), one
 * box per run. The grey line is the baseline (1.0); a dashed red line is Quarry's target in that
 * section, where it has one.
 */
final class Chart {
  private static final int WIDTH = 1000;
  private static final int ROW = 19;
  private static final int FRAME = 92;

  private Chart() {}

  static void write(List<Report.Run> runs, Path png, Path svg) throws Exception {
    System.setProperty("java.awt.headless", "true");
    List<JFreeChart> charts = new ArrayList<>();
    List<Integer> heights = new ArrayList<>();
    for (Measured first : runs.get(0).sections()) {
      charts.add(section(first, runs));
      heights.add(FRAME + ROW * first.names().size() * runs.size());
    }
    int height = heights.stream().mapToInt(Integer::intValue).sum();

    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    draw(g, charts, heights);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());

    SVGGraphics2D s = new SVGGraphics2D(WIDTH, height);
    draw(s, charts, heights);
    SVGUtils.writeToSVG(svg.toFile(), s.getSVGElement());
  }

  private static void draw(Graphics2D g, List<JFreeChart> charts, List<Integer> heights) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, heights.stream().mapToInt(Integer::intValue).sum());
    double y = 0;
    for (int i = 0; i < charts.size(); i++) {
      charts.get(i).draw(g, new Rectangle2D.Double(0, y, WIDTH, heights.get(i)));
      y += heights.get(i);
    }
  }

  private static JFreeChart section(Measured first, List<Report.Run> runs) {
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    double low = 1;
    double high = 1;
    for (Report.Run run : runs) {
      Measured m = run.sections().stream().filter(s -> s.section().equals(first.section())).findFirst().orElse(null);
      if (m == null) {
        continue;
      }
      for (String name : first.names()) {
        if (!m.names().contains(name)) {
          continue;
        }
        double[] r = m.ratios(name, m.baseline());
        if (r.length == 0) {
          continue;
        }
        List<Double> values = new ArrayList<>();
        for (double v : r) {
          values.add(v);
        }
        data.add(values, run.name(), name);
        low = Math.min(low, Measured.min(r));
        high = Math.max(high, Measured.max(r));
      }
    }
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    categories.setCategoryMargin(0.15);
    String label = "time / " + first.baseline() + "  (per round; lower is faster)";
    ValueAxis values;
    if (high / low > 8) {
      // Base 2: ticks at 0.25, 0.5, 1, 2, 4 ... read as "twice as slow" without arithmetic.
      LogAxis log = new LogAxis(label + ", log scale");
      log.setBase(2);
      log.setTickUnit(new NumberTickUnit(1));
      log.setSmallestValue(1e-3);
      log.setRange(low / 1.3, high * 1.3);
      log.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
      values = log;
    } else {
      NumberAxis linear = new NumberAxis(label);
      linear.setAutoRangeIncludesZero(false);
      linear.setRange(Math.max(0, low - (high - low) * 0.1 - 0.02), high + (high - low) * 0.1 + 0.02);
      values = linear;
    }
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    renderer.setMeanVisible(false);
    renderer.setMaxOutlierVisible(false);
    renderer.setMinOutlierVisible(false);
    renderer.setFillBox(true);
    renderer.setMaximumBarWidth(0.35);
    renderer.setSeriesPaint(0, new Color(0x4C78A8));
    renderer.setSeriesPaint(1, new Color(0xF58518));
    renderer.setSeriesPaint(2, new Color(0x54A24B));
    renderer.setDefaultOutlinePaint(Color.DARK_GRAY);
    CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.addRangeMarker(new ValueMarker(1.0, Color.GRAY, new BasicStroke(1.2f)));
    for (Targets.Target t : Targets.all()) {
      if (t.section().equals(first.section()) && t.kind() != Targets.Kind.NONE_FASTER
          && t.references().get(0).equals(first.baseline())) {
        ValueMarker target = new ValueMarker(t.chartBound(), new Color(0xD62728),
            new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
        target.setLabel("target: " + t.subject());
        target.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        target.setLabelPaint(new Color(0xD62728));
        target.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        target.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(target);
      }
    }
    JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, runs.size() > 1);
    chart.setTitle(new TextTitle(first.title(), new Font(Font.SANS_SERIF, Font.BOLD, 13)));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
