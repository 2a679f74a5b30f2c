package chat.weiliao.bench;

import org.HdrHistogram.Histogram;

/** Latency lines in milliseconds. */
final class Report {
  private Report() {
  }

  static void print(String label, Histogram histogram) {
    System.out.printf("%-22s n=%-7d p50=%7.2f p95=%7.2f p99=%7.2f p99.9=%7.2f max=%7.2f ms%n", label,
        histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
        ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
