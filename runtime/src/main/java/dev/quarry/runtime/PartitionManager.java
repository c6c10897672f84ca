package dev.quarry.runtime;

import dev.quarry.runtime.internal.PartitionCatalog;
import dev.quarry.runtime.internal.PartitionCatalog.Partition;
import dev.quarry.runtime.internal.PartitionMigration;
import dev.quarry.runtime.internal.PartitionSlots;
import dev.quarry.runtime.internal.PartitionSlots.Slot;
import dev.quarry.runtime.internal.PartitionSpec;
import dev.quarry.runtime.internal.Partman;
import dev.quarry.runtime.internal.Sessions;
import dev.quarry.runtime.internal.SqlStates;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
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
  private static final String LOCK_TIMEOUT = Sessions.LOCK_TIMEOUT;
  private static final int ATTEMPTS = 4;

  private final Database db;
  private final PartitionSpec spec;
  private final PartitionSlots slots;

  /** Generated DAOs make these; call {@code partitions()} on the DAO. */
  public PartitionManager(Database db, PartitionSpec spec) {
    this.db = Objects.requireNonNull(db, "db");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.slots = new PartitionSlots(spec);
  }

  /** {@link #maintain(Instant)} at the current time. */
  public MaintenanceReport maintain() {
    return maintain(Instant.now());
  }

  /**
   * Creates the partition holding {@code now} and {@code premake} after it, and drops those more
   * than {@code retain} behind it; for an integer key, "now" is the largest key stored.
   * Idempotent: a second run creates and drops nothing.
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
    List<String> dropped = new ArrayList<>(finishPendingDetaches());
    List<String> created = new ArrayList<>();
    long max = spec.timeKey() ? 0 : largestKey();
    for (Slot slot : spec.timeKey() ? slots.wanted(now) : slots.wanted(max)) {
      if (withRetry(() -> create(slot))) {
        created.add(slot.name());
      }
    }
    if (spec.retain() > 0) {
      dropped.addAll(dropEndingBy(spec.timeKey() ? slots.retentionCutoff(now) : slots.retentionCutoff(max)));
    }
    return new MaintenanceReport(created, dropped);
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
   */
  public List<String> dropBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    requireNoTransaction("dropBefore");
    if (!spec.isRange() || !spec.timeKey()) {
      throw new IllegalStateException(spec.table() + " is not partitioned by time");
    }
    return dropEndingBy(slots.position(cutoff));
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
    return new PartitionMigration(db, spec, slots, () -> maintain(), slot -> withRetry(() -> create(slot)))
        .run(statements, batchRows);
  }

  /**
   * Creates {@code slot} unless a partition with exactly its bounds exists: plain table, rows
   * moved out of the DEFAULT, then ATTACH, all in one transaction.
   */
  private boolean create(Slot slot) {
    return db.transaction(() -> db.withConnection(c -> {
      guard(c, "SHARE UPDATE EXCLUSIVE");
      Partition defaultPartition = null;
      for (Partition p : PartitionCatalog.partitions(c, spec.table())) {
        if (p.isDefault()) {
          defaultPartition = p;
        } else if (p.from() != null) {
          long from = slots.parse(p.from());
          long to = slots.parse(p.to());
          if (from == slot.lower() && to == slot.upper()) {
            return false;
          }
          if (from < slot.upper() && slot.lower() < to) {
            throw new QuarryException("PartitionManager.maintain: partition " + p.name() + " (" + p.bound()
                + ") overlaps the wanted " + slot.name() + "; was the interval or zone changed?", "42P17", null, null);
          }
        }
      }
      String parent = PartitionCatalog.quote(spec.table());
      String child = PartitionCatalog.quote(slot.name());
      execute(c, "CREATE TABLE " + child + " (LIKE " + parent + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
          + " INCLUDING STORAGE INCLUDING COMMENTS INCLUDING GENERATED)");
      if (defaultPartition != null) {
        moveOutOfDefault(c, defaultPartition.name(), slot);
      }
      execute(c, "ALTER TABLE " + parent + " ATTACH PARTITION " + child + " FOR VALUES FROM (" + slot.lowerLiteral()
          + ") TO (" + slot.upperLiteral() + ")");
      return true;
    }));
  }

  /**
   * Rows of the new range that landed in the DEFAULT would make ATTACH fail ("updated partition
   * constraint for default partition would be violated"): move them first, in the same transaction.
   */
  private void moveOutOfDefault(Connection c, String defaultName, Slot slot) throws SQLException {
    String columns = String.join(", ", spec.columns().stream().map(PartitionCatalog::quote).toList());
    String key = PartitionCatalog.quote(spec.column());
    execute(c, "WITH moved AS (DELETE FROM " + PartitionCatalog.quote(defaultName) + " WHERE " + key + " >= "
        + slot.lowerLiteral() + " AND " + key + " < " + slot.upperLiteral() + " RETURNING " + columns + ") INSERT INTO "
        + PartitionCatalog.quote(slot.name()) + " (" + columns + ") SELECT " + columns + " FROM moved");
  }

  /**
   * Retires partitions whose upper bound is at or before {@code cutoff}: without a DEFAULT by
   * {@code DETACH ... CONCURRENTLY} (readers never wait), with one by a short exclusive DETACH
   * (PostgreSQL forbids the concurrent form then); then DROP, which locks only the detached table.
   */
  private List<String> dropEndingBy(long cutoff) {
    List<Partition> partitions = db.transaction(() -> db.withConnection(c -> {
      Sessions.utc(c);
      return PartitionCatalog.partitions(c, spec.table());
    }));
    boolean hasDefault = partitions.stream().anyMatch(Partition::isDefault);
    List<String> dropped = new ArrayList<>();
    for (Partition p : partitions) {
      if (p.isDefault() || p.to() == null || slots.parse(p.to()) > cutoff) {
        continue;
      }
      if (hasDefault) {
        withRetry(() -> db.transaction(() -> db.withConnection(c -> {
          guard(c, "ACCESS EXCLUSIVE");
          execute(c, "ALTER TABLE " + PartitionCatalog.quote(spec.table()) + " DETACH PARTITION " + PartitionCatalog.quote(p.name()));
          return true;
        })));
      } else {
        detachConcurrently(p.name(), false);
      }
      drop(p.name());
      dropped.add(p.name());
    }
    return dropped;
  }

  /** A detach interrupted by a crash or timeout stays pending; finish it, then drop the table. */
  private List<String> finishPendingDetaches() {
    List<String> finished = new ArrayList<>();
    List<Partition> partitions = db.transaction(() -> db.withConnection(c -> {
      Sessions.utc(c);
      return PartitionCatalog.partitions(c, spec.table());
    }));
    for (Partition p : partitions) {
      if (p.detachPending()) {
        detachConcurrently(p.name(), true);
        drop(p.name());
        finished.add(p.name());
      }
    }
    return finished;
  }

  /**
   * {@code DETACH ... CONCURRENTLY} cannot run inside a transaction block, so it runs in
   * auto-commit under a session-level advisory lock, released in {@code finally}.
   */
  private void detachConcurrently(String partition, boolean finalize) {
    withRetry(() -> db.withConnection(c -> {
      long key = lockKey(c);
      try (Statement s = c.createStatement()) {
        s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
        s.execute("SELECT pg_advisory_lock(" + key + ")");
        try {
          s.execute("ALTER TABLE " + PartitionCatalog.quote(spec.table()) + " DETACH PARTITION "
              + PartitionCatalog.quote(partition) + (finalize ? " FINALIZE" : " CONCURRENTLY"));
        } finally {
          s.execute("SELECT pg_advisory_unlock(" + key + ")");
          s.execute("RESET lock_timeout");
        }
      } catch (SQLException e) {
        throw SqlStates.translate(e, "PartitionManager.maintain", "DETACH PARTITION " + partition);
      }
      return true;
    }));
  }

  private void drop(String table) {
    withRetry(() -> db.transaction(() -> db.withConnection(c -> {
      execute(c, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
      execute(c, "DROP TABLE IF EXISTS " + PartitionCatalog.quote(table));
      return true;
    })));
  }

  /** The transaction's preamble: bounded lock waits, UTC catalog output, the table's advisory lock, the parent lock. */
  private void guard(Connection c, String parentLock) throws SQLException {
    execute(c, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
    Sessions.utc(c);
    execute(c, "SELECT pg_advisory_xact_lock(" + lockKey(c) + ")");
    // The parent first, always: readers lock parent then partitions, and taking a partition
    // (the DEFAULT) before the parent is how maintenance deadlocks with them.
    execute(c, "LOCK TABLE " + PartitionCatalog.quote(spec.table()) + " IN " + parentLock + " MODE");
  }

  /** FNV-1a 64 of the schema-qualified table: the same key on every instance. */
  private long lockKey(Connection c) throws SQLException {
    String schema;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      schema = rs.getString(1);
    }
    long hash = 0xcbf29ce484222325L;
    for (byte b : ("quarry.partitions:" + schema + "." + spec.table()).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private long largestKey() {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max("
          + PartitionCatalog.quote(spec.column()) + "), 0) FROM " + PartitionCatalog.quote(spec.table()))) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static void execute(Connection c, String sql) throws SQLException {
    Sessions.execute(c, "PartitionManager.maintain", sql);
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
