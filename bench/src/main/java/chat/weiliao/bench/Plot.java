package chat.weiliao.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The usual HdrHistogram latency-by-percentile plot as SVG: x is log10(1 / (1 - percentile)), so
 * 90%, 99%, 99.9%, 99.99% are evenly spaced; y is latency in ms on a log scale. Also a plain line
 * plot of (x, y) samples on linear axes from 0.
 */
final class Plot {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;
  private static final double MAX_NINES = 5; // 99.999%
  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"
  };

  private Plot() {}

  static String svg(String title, Map<String, Histogram> series) {
    double minMs = Double.MAX_VALUE;
    double maxMs = 0;
    for (Histogram histogram : series.values()) {
      minMs = Math.min(minMs, Math.max(0.01, Report.ms(histogram.getMinValue())));
      maxMs = Math.max(maxMs, Report.ms(histogram.getMaxValue()));
    }
    double lowExp = Math.floor(Math.log10(minMs));
    double highExp = Math.ceil(Math.log10(Math.max(maxMs, minMs * 10)));
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            WIDTH,
            HEIGHT));
    svg.append(text(LEFT, 18, title + " — latency by percentile (ms, log scale)", "start"));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (int nines = 0; nines <= MAX_NINES; nines++) {
      double x = LEFT + plotW * nines / MAX_NINES;
      svg.append(line(x, TOP, x, TOP + plotH, "#ddd"));
      String label = nines == 0 ? "0%" : nines == 1 ? "90%" : "99." + "9".repeat(nines - 2) + "%";
      svg.append(text(x, TOP + plotH + 16, label.replace("99.%", "99%"), "middle"));
    }
    for (double exp = lowExp; exp <= highExp; exp++) {
      double y = TOP + plotH - plotH * (exp - lowExp) / (highExp - lowExp);
      svg.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
      svg.append(text(LEFT - 6, y + 4, trim(Math.pow(10, exp)), "end"));
    }
    svg.append(text(LEFT + plotW / 2.0, HEIGHT - 12, "percentile", "middle"));
    int index = 0;
    for (Map.Entry<String, Histogram> entry : series.entrySet()) {
      String colour = COLOURS[index % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int step = 0; step <= 200; step++) {
        double nines = MAX_NINES * step / 200.0;
        double percentile = 100 * (1 - Math.pow(10, -nines));
        double ms =
            Math.max(
                Math.pow(10, lowExp), Report.ms(entry.getValue().getValueAtPercentile(percentile)));
        double x = LEFT + plotW * nines / MAX_NINES;
        double y = TOP + plotH - plotH * (Math.log10(ms) - lowExp) / (highExp - lowExp);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(colour)
          .append("\" points=\"")
          .append(points)
          .append("\"/>\n");
      double legendY = TOP + 14 + 18 * index;
      svg.append(line(LEFT + plotW + 10, legendY - 4, LEFT + plotW + 30, legendY - 4, colour));
      svg.append(text(LEFT + plotW + 34, legendY, entry.getKey(), "start"));
      index++;
    }
    return svg.append("</svg>\n").toString();
  }

  /** One line through the points, both axes linear from 0, five grid lines each. */
  static String line(String title, String xLabel, String yLabel, List<double[]> points) {
    double maxX = points.stream().mapToDouble(p -> p[0]).max().orElse(1);
    double maxY = points.stream().mapToDouble(p -> p[1]).max().orElse(1);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                    + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
                    + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                WIDTH,
                HEIGHT));
    svg.append(text(LEFT, 18, title, "start"));
    for (int tick = 0; tick <= 5; tick++) {
      double x = LEFT + plotW * tick / 5.0;
      double y = TOP + plotH - plotH * tick / 5.0;
      svg.append(line(x, TOP, x, TOP + plotH, "#ddd"))
          .append(text(x, TOP + plotH + 16, trim(maxX * tick / 5), "middle"));
      svg.append(line(LEFT, y, LEFT + plotW, y, "#ddd"))
          .append(text(LEFT - 6, y + 4, trim(maxY * tick / 5), "end"));
    }
    svg.append(text(LEFT + plotW / 2.0, HEIGHT - 12, xLabel, "middle"));
    svg.append(text(LEFT + plotW + 10, TOP + plotH / 2.0, yLabel, "start"));
    StringBuilder polyline = new StringBuilder();
    for (double[] point : points) {
      polyline.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              LEFT + plotW * point[0] / maxX,
              TOP + plotH - plotH * point[1] / maxY));
    }
    return svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
        .append(COLOURS[0])
        .append("\" points=\"")
        .append(polyline)
        .append("\"/>\n</svg>\n")
        .toString();
  }

  private static String trim(double value) {
    return value == 0
        ? "0"
        : value >= 1
            ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
            + "stroke-width=\"%s\"/>\n",
        x1,
        y1,
        x2,
        y2,
        colour,
        "#ddd".equals(colour) ? "1" : "2");
  }

  private static String text(double x, double y, String text, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
        x,
        y,
        anchor,
        text.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
