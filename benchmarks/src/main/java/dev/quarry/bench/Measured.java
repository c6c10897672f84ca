package dev.quarry.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The times of one section: milliseconds per call of each contender in each round. The first
 * contender is the section's baseline. Ratios are taken round by round (a contender's time over
 * another's in the same round) before any median, so that a slow round slows both sides of a
 * ratio instead of one.
 *
 * @param load the machine's load average before and after the section, for the record
 */
record Measured(String section, String title, List<String> names, double[][] millis, String load) {
  String baseline() {
    return names.get(0);
  }

  int index(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no contender '" + name + "' in section " + section + ": " + names);
    }
    return i;
  }

  /** {@code subject}'s time over {@code reference}'s, one value per round both ran in. */
  double[] ratios(String subject, String reference) {
    double[] s = millis[index(subject)];
    double[] r = millis[index(reference)];
    return IntStream.range(0, s.length).mapToDouble(i -> s[i] / r[i]).filter(Double::isFinite).toArray();
  }

  /** The median time per call, in milliseconds. */
  double medianMillis(String name) {
    return median(Arrays.stream(millis[index(name)]).filter(Double::isFinite).toArray());
  }

  /** How many rounds {@code name} ran in. */
  int rounds(String name) {
    return (int) Arrays.stream(millis[index(name)]).filter(Double::isFinite).count();
  }

  void print(PrintStream out) {
    out.printf(Locale.ROOT, "  %-48s %12s   %s%n", "", "time / call", "time / " + baseline() + ", per round: median [min..max]");
    for (String name : names) {
      double[] r = ratios(name, baseline());
      out.printf(Locale.ROOT, "  %-48s %12s   %s%n", name, Report.millis(medianMillis(name)), Report.spread(r));
    }
    for (String name : names) {
      if (rounds(name) < millis[0].length) {
        out.printf(Locale.ROOT, "  (%s: %d rounds of %d)%n", name, rounds(name), millis[0].length);
      }
    }
    out.printf(Locale.ROOT, "  (%d rounds; load average %s)%n", millis[0].length, load);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
