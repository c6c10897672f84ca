package dev.quarry.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times contenders side by side in interleaved rounds: every round runs each contender once, in
 * an order that rotates from round to round (A B C, then B C A, then C A B ...), so that a slow
 * spell of a shared machine falls on all of them alike. Each contender's time is compared with
 * the baseline's time of the same round; {@link Measured} reports the median of those per-round
 * ratios with their spread.
 *
 * <p>Nothing is timed before every contender has been warmed up: the JIT has compiled its hot
 * path, and pgjdbc has switched its statements to server-prepared ones (after
 * {@code prepareThreshold}, 5 uses by default) and PostgreSQL has settled on its plan for them
 * (custom plans for the first 5 executions of a prepared statement, then maybe the generic one).
 * A single-row operation takes tens of microseconds, so it is timed as a batch of many calls per
 * round, the batch sized during warm-up to last about {@link Settings#roundMillis}.
 */
final class Harness {
  /** Untimed work, such as truncating a table before a bulk load. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /** The timed work; {@code i} counts calls of this contender, so each call can use other keys. */
  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
  }

  /**
   * One contender: {@code prepare} runs untimed before each timed run, {@code op} is timed.
   * A {@code single} contender is timed once per round (bulk loads); otherwise its op is called
   * in a batch.
   */
  record Contender(String name, Step prepare, Op op, boolean single, int maxRounds) {
    static Contender micro(String name, Op op) {
      return new Contender(name, () -> { }, op, false, Integer.MAX_VALUE);
    }

    static Contender bulk(String name, Step prepare, Step work) {
      return new Contender(name, prepare, i -> work.run(), true, Integer.MAX_VALUE);
    }

    /**
     * Runs only in the first {@code rounds} rounds, and without warm-up: for a bulk contender
     * that makes one round trip a row, whose time is those round trips (tens of times the
     * others'), so that it does not take most of the run. Its other rounds stay empty.
     */
    Contender limitedTo(int rounds) {
      return new Contender(name, prepare, op, single, rounds);
    }
  }

  /**
   * How long to measure: {@code rounds} timed rounds; micro-ops warm up for at least
   * {@code warmupCalls} calls and {@code warmupMillis}, then run batches of about
   * {@code roundMillis}; bulk contenders warm up with {@code warmupRuns} untimed runs.
   */
  record Settings(int rounds, int warmupRuns, int warmupCalls, double warmupMillis, double roundMillis) {}

  /**
   * Whether to collect garbage before each timed run and checkpoint before each bulk load: off in
   * the smoke run, where nothing is judged and a second matters.
   */
  static volatile boolean settle = true;

  private static final Step NOTHING = () -> { };

  private Harness() {}

  /** Warms up every contender, then runs the timed rounds. The baseline is {@code contenders.get(0)}. */
  static Measured run(String section, String title, List<Contender> contenders, Settings settings) throws Exception {
    System.out.printf(Locale.ROOT, "%s%n", title);
    String loadBefore = Machine.loadAverage();
    long sectionStart = System.nanoTime();
    int n = contenders.size();
    int[] calls = new int[n];
    int[] batch = new int[n];
    for (int c = 0; c < n; c++) {
      batch[c] = warmUp(contenders.get(c), settings, calls, c);
    }
    double[][] millis = new double[n][settings.rounds()];
    for (int round = 0; round < settings.rounds(); round++) {
      for (int k = 0; k < n; k++) {
        int c = (round + k) % n;
        Contender contender = contenders.get(c);
        if (round >= contender.maxRounds()) {
          millis[c][round] = Double.NaN;
          continue;
        }
        contender.prepare().run();
        if (contender.single()) {
          settle();
        }
        long start = System.nanoTime();
        for (int j = 0; j < batch[c]; j++) {
          contender.op().run(calls[c]++);
        }
        millis[c][round] = (System.nanoTime() - start) / 1e6 / batch[c];
      }
    }
    List<String> names = new ArrayList<>();
    for (Contender c : contenders) {
      names.add(c.name());
    }
    Measured m = new Measured(section, title, names, millis, loadBefore + " -> " + Machine.loadAverage());
    m.print(System.out);
    System.out.printf(Locale.ROOT, "  (section took %.1f s with warm-up)%n", (System.nanoTime() - sectionStart) / 1e9);
    return m;
  }

  /** Untimed runs; for a micro-op, returns the batch size that lasts about one round. */
  private static int warmUp(Contender c, Settings s, int[] calls, int index) throws Exception {
    if (c.single()) {
      for (int i = 0; i < (c.maxRounds() == Integer.MAX_VALUE ? s.warmupRuns() : 0); i++) {
        c.prepare().run();
        c.op().run(calls[index]++);
      }
      return 1;
    }
    c.prepare().run();
    long start = System.nanoTime();
    int done = 0;
    long lastHalfStart = start;
    int lastHalfCalls = 0;
    while (done < s.warmupCalls() || (System.nanoTime() - start) / 1e6 < s.warmupMillis()) {
      if (done == s.warmupCalls() / 2) {
        lastHalfStart = System.nanoTime();
        lastHalfCalls = 0;
      }
      c.op().run(calls[index]++);
      done++;
      lastHalfCalls++;
    }
    double perCall = (System.nanoTime() - lastHalfStart) / 1e6 / Math.max(1, lastHalfCalls);
    return (int) Math.max(1, Math.min(1_000_000, Math.round(s.roundMillis() / Math.max(perCall, 1e-6))));
  }

  /**
   * Collects garbage outside the timed region before a bulk run, so that one load does not pay
   * for another's garbage. Not before a batch of single-row calls: their own garbage is part of
   * their cost, and a full collection per batch would take longer than the batch.
   */
  private static void settle() {
    if (settle) {
      System.gc();
    }
  }

  /** Runs statements on a connection that is already open. */
  static void sql(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static Step nothing() {
    return NOTHING;
  }
}
