package dev.quarry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Quarry promises, as ratios the harness can check after a run: printed PASS or MISS, and
 * written next to the figures. They are not timed tests; CI does not judge them.
 */
final class Targets {
  /** How a target reads its section. */
  enum Kind {
    /** The reference's time over Quarry's, at least {@code bound}: "2.5x faster than". */
    SPEED_UP,
    /** Quarry's time over the reference's, at most {@code bound}: "within 1.05x of". */
    TIME_RATIO,
    /** Quarry's time over each peer's, at most 1: no peer is faster. */
    NONE_FASTER
  }

  /** One target: {@code subject} (Quarry's contender) against {@code references} in one section. */
  record Target(String text, String section, String subject, List<String> references, Kind kind, double bound) {
    /** The target's line for a line of the chart: where Quarry's ratio to the baseline must stay. */
    double chartBound() {
      return kind == Kind.SPEED_UP ? 1 / bound : bound;
    }
  }

  /** A target checked against one run. */
  record Verdict(Target target, boolean measured, boolean pass, double median, double min, double max, String detail) {
    String figure() {
      if (!measured) {
        return "not measured";
      }
      return String.format(Locale.ROOT, "%.2fx [%.2f..%.2f]%s", median, min, max, detail.isEmpty() ? "" : " " + detail);
    }

    String word() {
      return !measured ? "n/a" : pass ? "PASS" : "MISS";
    }
  }

  private Targets() {}

  static List<Target> all() {
    List<Target> t = new ArrayList<>();
    for (String op : CrudBenchmark.OPS) {
      t.add(new Target("`" + op + "` <= 1.05x hand-written JDBC", op, CrudBenchmark.QUARRY,
          List.of(CrudBenchmark.HAND), Kind.TIME_RATIO, 1.05));
      t.add(new Target("`" + op + "`: no peer faster than Quarry", op, CrudBenchmark.QUARRY,
          CrudBenchmark.PEERS, Kind.NONE_FASTER, 1.0));
    }
    for (String section : List.of(BulkInsertBenchmark.IDENTITY, BulkInsertBenchmark.IDS)) {
      String which = section.equals(BulkInsertBenchmark.IDENTITY) ? "identity table, ids left null" : "caller-supplied ids";
      t.add(new Target("`insertAll` (" + which + ") >= 2.5x batched JDBC with reWriteBatchedInserts", section,
          BulkInsertBenchmark.QUARRY, List.of(BulkInsertBenchmark.REWRITE), Kind.SPEED_UP, 2.5));
      t.add(new Target("`insertAll` (" + which + ") >= 1.0x `psql \\copy`", section,
          BulkInsertBenchmark.QUARRY, List.of(BulkInsertBenchmark.PSQL), Kind.SPEED_UP, 1.0));
    }
    t.add(new Target("`upsertAll` >= 1.5x batched ON CONFLICT with reWriteBatchedInserts", BulkUpsertBenchmark.SECTION,
        BulkUpsertBenchmark.QUARRY, List.of(BulkUpsertBenchmark.REWRITE), Kind.SPEED_UP, 1.5));
    for (int depth : KeysetBenchmark.DEPTHS) {
      String section = KeysetBenchmark.section(depth);
      String at = String.format(Locale.ROOT, " at depth %,d", depth);
      t.add(new Target("`sliceAfter`" + at + " <= 1.5x one hand-written keyset statement", section,
          KeysetBenchmark.QUARRY_AFTER, List.of(KeysetBenchmark.HAND_AFTER), Kind.TIME_RATIO, 1.5));
      t.add(new Target("`sliceBefore`" + at + " <= 1.5x one hand-written keyset statement", section,
          KeysetBenchmark.QUARRY_BEFORE, List.of(KeysetBenchmark.HAND_BEFORE), Kind.TIME_RATIO, 1.5));
    }
    return t;
  }

  /** Checks {@code target} against a run's sections; "not measured" when its section is absent. */
  static Verdict check(Target target, List<Measured> run) {
    Measured m = run.stream().filter(s -> s.section().equals(target.section())).findFirst().orElse(null);
    if (m == null || !m.names().contains(target.subject())) {
      return new Verdict(target, false, false, Double.NaN, Double.NaN, Double.NaN, "");
    }
    if (target.kind() == Kind.NONE_FASTER) {
      return fastestPeer(target, m);
    }
    String reference = target.references().get(0);
    if (!m.names().contains(reference)) {
      return new Verdict(target, false, false, Double.NaN, Double.NaN, Double.NaN, "");
    }
    double[] r = target.kind() == Kind.SPEED_UP ? m.ratios(reference, target.subject()) : m.ratios(target.subject(), reference);
    double median = Measured.median(r);
    boolean pass = target.kind() == Kind.SPEED_UP ? median >= target.bound() : median <= target.bound();
    return new Verdict(target, true, pass, median, Measured.min(r), Measured.max(r), "");
  }

  /** Quarry's time over the fastest peer's (the peer with the lowest median ratio), at most 1. */
  private static Verdict fastestPeer(Target target, Measured m) {
    double[] worst = null;
    String fastest = null;
    for (String peer : target.references()) {
      if (!m.names().contains(peer)) {
        continue;
      }
      double[] r = m.ratios(target.subject(), peer);
      if (worst == null || Measured.median(r) > Measured.median(worst)) {
        worst = r;
        fastest = peer;
      }
    }
    if (worst == null) {
      return new Verdict(target, false, false, Double.NaN, Double.NaN, Double.NaN, "");
    }
    double median = Measured.median(worst);
    return new Verdict(target, true, median <= target.bound(), median, Measured.min(worst), Measured.max(worst),
        "of " + fastest + ", the fastest peer");
  }
}
