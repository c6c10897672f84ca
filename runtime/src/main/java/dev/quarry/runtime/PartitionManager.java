package dev.quarry.runtime;

import dev.quarry.runtime.internal.MaintenancePlanner;
import dev.quarry.runtime.internal.MaintenancePlanner.Existing;
import dev.quarry.runtime.internal.MaintenancePlanner.Plan;
import dev.quarry.runtime.internal.PartitionCatalog;
import dev.quarry.runtime.internal.PartitionCatalog.Partition;
import dev.quarry.runtime.internal.PartitionExecutor;
import dev.quarry.runtime.internal.PartitionExecutor.Created;
import dev.quarry.runtime.internal.PartitionExecutor.Outcome;
import dev.quarry.runtime.internal.PartitionMigration;
import dev.quarry.runtime.internal.PartitionSlots;
import dev.quarry.runtime.internal.PartitionSlots.Slot;
import dev.quarry.runtime.internal.PartitionSpec;
import dev.quarry.runtime.internal.Partman;
import dev.quarry.runtime.internal.Sessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a partitioned table's RANGE partitions ahead of time and retires old ones, as the
 * partitioning chapter asks pg_partman to, from the application itself. Get one from the DAO:
 * {@code events.partitions().maintain()}; schedule it (hourly is plenty for monthly partitions).
 *
 * <p>Safe to run from every instance at once: each partition is created in its own short
 * transaction that takes a transaction-scoped advisory lock for the table, then re-reads the
 * catalog, so each partition is created exactly once. Live traffic is never stalled: every
 * lock is bounded by {@code lock_timeout}, and partitions are created as plain tables then
 * {@code ATTACH}ed (SHARE UPDATE EXCLUSIVE on the parent, where {@code PARTITION OF} needs
 * ACCESS EXCLUSIVE). Rows already sitting in the DEFAULT partition for a new range are moved
 * into it in the same transaction, so maintenance never fails because of them. Bounds are read
 * from the catalog, never from names. Call it outside any transaction.
 */
public final class PartitionManager {
  private static final System.Logger LOG = System.getLogger(PartitionManager.class.getName());
  private static final int ATTEMPTS = 4;
  /** The most stray keys an integer "now" passes over. */
  private static final int OUTLIERS = 10;

  private final Database db;
  private final PartitionSpec spec;
  private final PartitionSlots slots;
  private final MaintenancePlanner planner;
  private final PartitionExecutor executor;

  /** Generated DAOs make these; call {@code partitions()} on the DAO. */
  public PartitionManager(Database db, PartitionSpec spec) {
    this.db = Objects.requireNonNull(db, "db");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.slots = new PartitionSlots(spec);
    this.planner = new MaintenancePlanner(slots);
    this.executor = new PartitionExecutor(db, slots);
  }

  /** {@link #maintain(Instant)} at the current time. */
  public MaintenanceReport maintain() {
    return maintain(Instant.now());
  }

  /**
   * Makes every slot of the window present, from {@code retain} partitions behind the one
   * holding {@code now} to {@code premake} partitions after it, however many runs were missed,
   * and drops the partitions that end at or before the window. With {@code retain = 0} nothing
   * is dropped, and the slots between the newest partition and now are created too (at most
   * 100 in one run). Idempotent: a second run creates and drops nothing.
   *
   * <p>For an integer key, "now" is the largest key stored in the partitions, never in the
   * DEFAULT partition, and a largest key more than one {@code step} above every other one (a
   * stray key) is passed over and reported in {@link MaintenanceReport#warnings()}: one outlier
   * never moves the window or drops a partition.
   *
   * <p>A step that waits for a lock longer than {@code lock_timeout} (3 s) is not retried
   * forever: it becomes a warning and the run goes on, so the report still lists what was done.
   * A partition whose {@code DETACH ... CONCURRENTLY} was interrupted that way stays
   * {@code DETACH PENDING} (it no longer receives rows) and the next run finishes it with
   * {@code DETACH ... FINALIZE}. A slot that overlaps an existing partition with other bounds
   * (the interval or zone was changed) is reported, not created.
   *
   * @throws IllegalStateException when called inside {@link Database#transaction}
   * @throws QuarryException when a statement fails for any reason but a lock wait
   */
  public MaintenanceReport maintain(Instant now) {
    Objects.requireNonNull(now, "now");
    requireNoTransaction("maintain");
    if (spec.manager().equals("PG_PARTMAN")) {
      return Partman.maintain(db, spec, now);
    }
    if (!spec.isRange()) {
      return new MaintenanceReport(List.of(), List.of());
    }
    Run run = new Run();
    List<Existing> existing = executor.read();
    Slot current = spec.timeKey() ? slots.slotOf(now) : slots.slotOf(integerNow(existing, run.warnings));
    Plan plan = planner.maintain(current, existing);
    run.warnings.addAll(plan.warnings());
    if (!spec.timeKey()) {
      strayInDefault(existing, planner.window(current), run.warnings);
    }
    boolean hasDefault = existing.stream().anyMatch(Existing::isDefault);
    for (String detached : executor.retired()) {
      dropDetached(detached, run);
    }
    for (String pending : plan.finish()) {
      retire(pending, hasDefault, run);
    }
    for (Slot slot : plan.create()) {
      create(slot, run);
    }
    for (String old : plan.drop()) {
      retire(old, hasDefault, run);
    }
    return run.report();
  }

  /**
   * Creates every partition covering {@code [from, to)} that is missing, so that history can be
   * loaded (backfill); drops nothing. Slots that lie before what {@code retain} keeps are
   * created, with a warning that the next {@link #maintain} drops them.
   *
   * @param from the earliest instant to cover, inclusive
   * @param to the end, exclusive; {@code from == to} covers nothing
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   * @throws IllegalStateException when the table is not RANGE partitioned by time, or when
   *     called inside {@link Database#transaction}
   */
  public MaintenanceReport ensure(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from, was from " + from + ", to " + to);
    }
    requireNoTransaction("ensure");
    if (!spec.isRange() || !spec.timeKey()) {
      throw new IllegalStateException(spec.table() + " is not RANGE partitioned by time");
    }
    if (from.equals(to)) {
      return new MaintenanceReport(List.of(), List.of());
    }
    List<Slot> covering = planner.covering(slots.slotOf(from), slots.position(to.minusNanos(1)) + 1);
    if (spec.manager().equals("PG_PARTMAN")) {
      return Partman.ensure(db, spec, covering);
    }
    Run run = new Run();
    Plan plan = planner.ensure(covering, slots.slotOf(Instant.now()), executor.read());
    run.warnings.addAll(plan.warnings());
    for (Slot slot : plan.create()) {
      create(slot, run);
    }
    return run.report();
  }

  /** Every partition with its bound as PostgreSQL prints it, by name. */
  public List<PartitionInfo> list() {
    return db.transaction(() -> db.withConnection(c -> {
      Sessions.utc(c);
      List<PartitionInfo> out = new ArrayList<>();
      for (Partition p : PartitionCatalog.partitions(c, spec.table())) {
        out.add(new PartitionInfo(p.name(), p.bound(), p.isDefault(), p.rows()));
      }
      return out;
    }));
  }

  /**
   * Drops every RANGE partition whose whole range lies before {@code cutoff}, whatever
   * {@code retain} says; never the DEFAULT. Returns the names dropped.
   *
   * @throws TransientDataException when a lock was waited for longer than {@code lock_timeout}
   */
  public List<String> dropBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    requireNoTransaction("dropBefore");
    if (!spec.isRange() || !spec.timeKey()) {
      throw new IllegalStateException(spec.table() + " is not partitioned by time");
    }
    long position = slots.position(cutoff);
    List<Existing> existing = executor.read();
    boolean hasDefault = existing.stream().anyMatch(Existing::isDefault);
    List<String> dropped = new ArrayList<>();
    for (Existing p : existing.stream().sorted(Comparator.comparingLong(Existing::lower)).toList()) {
      if (!p.isDefault() && p.upper() <= position) {
        if (withRetry(() -> executor.detach(p.name(), hasDefault))) {
          withRetry(() -> {
            executor.drop(p.name());
            return true;
          });
          dropped.add(p.name());
        }
      }
    }
    return dropped;
  }

  /**
   * Turns the existing plain table of this name into the partitioned table {@code statements}
   * create (the DAO's {@code XSchema.statements()}), as the partitioning chapter describes: a new
   * partitioned table, rows copied in batches, names swapped, the old table dropped.
   *
   * <ol>
   *   <li>One short transaction renames the plain table (and its indexes) aside and runs
   *       {@code statements}, so from then on writes land in the partitioned table.</li>
   *   <li>RANGE partitions are created by {@link #maintain}, then for every slot the old rows span.</li>
   *   <li>Rows are moved {@code batchRows} at a time, each batch one transaction that deletes them
   *       from the old table and inserts them into the new one: a crash loses nothing and
   *       calling this again resumes.</li>
   *   <li>Identity sequences continue after the largest moved id; the empty old table is dropped.</li>
   * </ol>
   *
   * <p>Until the last batch, reads see only the rows moved so far: run it in a quiet window. A
   * table that other tables reference by foreign key is refused (their constraints would follow
   * the old table).
   *
   * @return the number of rows moved
   */
  public long migrate(List<String> statements, int batchRows) {
    Objects.requireNonNull(statements, "statements");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be 1 or more, was " + batchRows);
    }
    requireNoTransaction("migrate");
    return new PartitionMigration(db, spec, slots, () -> maintain(), slot -> withRetry(() -> executor.create(slot)))
        .run(statements, batchRows);
  }

  /** Creates one slot, retrying lost lock races a few times; what still fails on a lock becomes a warning. */
  private void create(Slot slot, Run run) {
    try {
      Created result = withRetry(() -> executor.create(slot));
      if (result.outcome() == Outcome.CREATED) {
        run.created.add(slot.name());
      } else if (result.outcome() == Outcome.OVERLAPS) {
        run.warn(MaintenancePlanner.overlap(result.other(), slot.name()));
      }
    } catch (TransientDataException e) {
      run.warn(slot.name() + " was not created: " + lockWait(e) + "; the next run retries");
    }
  }

  /**
   * Detaches and drops one partition. A lock wait is not retried here: a transaction reading
   * the partition holds it for as long as it runs, and the next run finishes the detach.
   */
  private void retire(String partition, boolean hasDefault, Run run) {
    if (run.pending != null) {
      // PostgreSQL keeps at most one detach pending per table (55000 for a second one).
      run.warn(partition + " was not dropped: the detach of " + run.pending + " is still pending, and PostgreSQL"
          + " finishes one at a time; the next run drops it");
      return;
    }
    try {
      if (!executor.detach(partition, hasDefault)) {
        return;
      }
    } catch (TransientDataException e) {
      run.pending = hasDefault ? null : partition;
      run.warn(partition + " was not dropped: " + lockWait(e) + (hasDefault ? "" : "; it is left DETACH PENDING")
          + ", and the next run finishes it");
      return;
    } catch (QuarryException e) {
      if (!"55000".equals(e.sqlState())) {
        throw e;
      }
      run.warn(partition + " was not dropped: another detach is pending (" + e.getMessage() + "); the next run drops it");
      return;
    }
    dropDetached(partition, run);
  }

  /** Drops a table no longer attached; one a reader still holds is marked for the next run. */
  private void dropDetached(String table, Run run) {
    try {
      executor.drop(table);
      run.dropped.add(table);
    } catch (TransientDataException e) {
      executor.markRetired(table);
      run.warn(table + " was detached but not dropped: " + lockWait(e) + "; the next run drops it");
    }
  }

  private static String lockWait(TransientDataException e) {
    return e.sqlState().equals("55P03") ? "a transaction held a lock on it for longer than lock_timeout ("
        + Sessions.LOCK_TIMEOUT + ")" : "it lost a lock race (SQLSTATE " + e.sqlState() + ")";
  }

  /**
   * "Now" for an integer key: the largest key stored in a partition, passing over keys that lie
   * more than one {@code step} above the next largest (at most {@link #OUTLIERS} of them).
   * Keys in the DEFAULT never count: they are outside every partition by definition.
   */
  private long integerNow(List<Existing> existing, List<String> warnings) {
    List<Long> keys = executor.largestKeys(existing, OUTLIERS + 1);
    if (keys.isEmpty()) {
      return 0;
    }
    for (int i = 0; i + 1 < keys.size(); i++) {
      if (keys.get(i) - keys.get(i + 1) <= spec.step()) {
        if (i > 0) {
          warnings.add("key" + (i > 1 ? "s " : " ") + keys.subList(0, i) + " of " + spec.table() + "."
              + spec.column() + " lie more than one partition (" + spec.step() + ") above all others; taken as"
              + " outliers, they did not move the window. Now is " + keys.get(i));
        }
        return keys.get(i);
      }
    }
    return keys.get(0); // sparse keys: none has a neighbour within a step, so none stands out
  }

  /** Integer keys in the DEFAULT beyond the window are reported: they never move it. */
  private void strayInDefault(List<Existing> existing, List<Slot> window, List<String> warnings) {
    for (Existing p : existing) {
      if (p.isDefault()) {
        Long largest = executor.largestDefaultKey(p.name());
        long end = window.get(window.size() - 1).upper();
        if (largest != null && largest >= end) {
          warnings.add("the DEFAULT partition " + p.name() + " holds keys up to " + largest + ", beyond the newest"
              + " partition (which ends at " + end + "); they did not move the window. If they are real keys, "
              + "widen step or premake; else delete them");
        }
      }
    }
  }

  /** What one run did so far. */
  private static final class Run {
    final List<String> created = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** A partition this run left DETACH PENDING, if any. */
    String pending;

    void warn(String warning) {
      warnings.add(warning);
    }

    MaintenanceReport report() {
      for (String w : warnings) {
        LOG.log(System.Logger.Level.WARNING, w);
      }
      return new MaintenanceReport(created, dropped, warnings);
    }
  }

  private void requireNoTransaction(String method) {
    if (db.inTransaction()) {
      throw new IllegalStateException("PartitionManager." + method + " runs its own short transactions; "
          + "call it outside Database.transaction");
    }
  }

  /** Retries a step that lost a lock race (lock_timeout, deadlock) a few times with jittered backoff. */
  private static <T> T withRetry(java.util.function.Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (TransientDataException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(50L << attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
