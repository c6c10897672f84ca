package dev.quarry.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Times named workloads side by side and prints medians and ratios. */
final class Harness {
  /** A piece of work; {@code setup} steps are not timed, {@code run} steps are. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  record Result(String name, double medianMillis, long rows) {
    double rowsPerSecond() {
      return rows / (medianMillis / 1000.0);
    }
  }

  private final int repetitions;
  private final List<Result> results = new ArrayList<>();

  Harness(int repetitions) {
    this.repetitions = repetitions;
  }

  Result time(String name, long rows, Step setup, Step run) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < repetitions; i++) {
      setup.run();
      long start = System.nanoTime();
      run.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    Result r = new Result(name, millis.get(millis.size() / 2), rows);
    results.add(r);
    System.out.printf(Locale.ROOT, "  %-46s %10.1f ms %12.0f rows/s%n", name, r.medianMillis(), r.rowsPerSecond());
    return r;
  }

  /** The median milliseconds of {@code iterations} timed runs after a short warm-up. */
  static double median(int iterations, Step step) throws Exception {
    for (int i = 0; i < Math.min(5, iterations); i++) {
      step.run();
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      step.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(millis);
    return millis[iterations / 2];
  }

  static void ratio(String what, Result faster, Result slower) {
    System.out.printf(Locale.ROOT, "  ratio %-40s %6.2fx%n", what, slower.medianMillis() / faster.medianMillis());
  }

  static void sql(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
