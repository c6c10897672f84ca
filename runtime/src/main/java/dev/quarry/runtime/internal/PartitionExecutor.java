package dev.quarry.runtime.internal;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.internal.MaintenancePlanner.Existing;
import dev.quarry.runtime.internal.PartitionCatalog.Partition;
import dev.quarry.runtime.internal.PartitionSlots.Slot;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the statements partition maintenance decides on, each step in its own short
 * transaction under the table's advisory lock, re-checking the catalog first so that several
 * instances running at once do each step exactly once. Every lock wait is bounded by
 * {@code lock_timeout}; a step that loses a lock race throws {@code TransientDataException}.
 */
public final class PartitionExecutor {
  /** What {@link #create} found. */
  public enum Outcome { CREATED, PRESENT, OVERLAPS }

  /** {@link #create}'s outcome, and the partition in the way when it overlaps. */
  public record Created(Outcome outcome, String other) {}

  private final Database db;
  private final PartitionSpec spec;
  private final PartitionSlots slots;

  public PartitionExecutor(Database db, PartitionSlots slots) {
    this.db = db;
    this.slots = slots;
    this.spec = slots.spec();
  }

  /** Every partition, bounds as positions. */
  public List<Existing> read() {
    List<Partition> partitions = db.transaction(() -> db.withConnection(c -> {
      Sessions.utc(c);
      return PartitionCatalog.partitions(c, spec.table());
    }));
    List<Existing> out = new ArrayList<>();
    for (Partition p : partitions) {
      out.add(new Existing(p.name(), p.isDefault() ? 0 : slots.parse(p.from()), p.isDefault() ? 0 : slots.parse(p.to()),
          p.isDefault() || p.from() == null, p.detachPending()));
    }
    return out;
  }

  /**
   * Creates {@code slot} unless a partition with exactly its bounds exists: plain table, rows
   * moved out of the DEFAULT, then ATTACH, all in one transaction.
   */
  public Created create(Slot slot) {
    return db.transaction(() -> db.withConnection(c -> {
      guard(c, "SHARE UPDATE EXCLUSIVE");
      Partition defaultPartition = null;
      for (Partition p : PartitionCatalog.partitions(c, spec.table())) {
        if (p.isDefault()) {
          defaultPartition = p;
        } else if (p.from() != null) {
          long from = slots.parse(p.from());
          long to = slots.parse(p.to());
          if (from == slot.lower() && to == slot.upper() && !p.detachPending()) {
            return new Created(Outcome.PRESENT, null);
          }
          if (from < slot.upper() && slot.lower() < to) {
            return new Created(Outcome.OVERLAPS, p.name());
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
      return new Created(Outcome.CREATED, null);
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
   * Detaches {@code partition}: with a DEFAULT by a short exclusive DETACH (PostgreSQL forbids the
   * concurrent form then), else {@code DETACH ... CONCURRENTLY} so readers never wait, or
   * {@code ... FINALIZE} when an earlier detach was left pending. Returns false when the
   * partition is no longer attached (another instance detached it).
   */
  public boolean detach(String partition, boolean hasDefault) {
    if (hasDefault || citusDistributed()) {
      return db.transaction(() -> db.withConnection(c -> {
        guard(c, "ACCESS EXCLUSIVE");
        if (state(c, partition) == null) {
          return false;
        }
        execute(c, "ALTER TABLE " + PartitionCatalog.quote(spec.table()) + " DETACH PARTITION "
            + PartitionCatalog.quote(partition));
        return true;
      }));
    }
    // DETACH ... CONCURRENTLY cannot run inside a transaction block: auto-commit, under a
    // session-level advisory lock released in finally. Its second phase waits for every
    // transaction that may still read the partition; lock_timeout ends that wait with 55P03 and
    // leaves the partition DETACH PENDING, which only FINALIZE can finish (a second CONCURRENTLY
    // fails with 55000), so the state is read again under the lock.
    return db.withConnection(c -> {
      long key = lockKey(c);
      try (Statement s = c.createStatement()) {
        s.execute("SET lock_timeout = '" + Sessions.LOCK_TIMEOUT + "'");
        s.execute("SELECT pg_advisory_lock(" + key + ")");
        try {
          Boolean pending = state(c, partition);
          if (pending == null) {
            return false;
          }
          s.execute("ALTER TABLE " + PartitionCatalog.quote(spec.table()) + " DETACH PARTITION "
              + PartitionCatalog.quote(partition) + (pending ? " FINALIZE" : " CONCURRENTLY"));
          return true;
        } finally {
          s.execute("SELECT pg_advisory_unlock(" + key + ")");
          s.execute("RESET lock_timeout");
        }
      } catch (SQLException e) {
        throw SqlStates.translate(e, "PartitionManager.maintain", "DETACH PARTITION " + partition);
      }
    });
  }

  private Boolean citusDistributed;

  /**
   * Whether the parent is a Citus distributed table, which Citus cannot {@code DETACH ...
   * CONCURRENTLY} ("currently unsupported"): its partitions are detached by the short exclusive
   * form instead. Asked once; {@code pg_dist_partition} exists only where Citus is installed.
   */
  private boolean citusDistributed() {
    if (citusDistributed == null) {
      citusDistributed = db.withConnection(c -> {
        try (var s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL")) {
          rs.next();
          if (!rs.getBoolean(1)) {
            return false;
          }
        }
        try (var ps = c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = to_regclass(?))")) {
          ps.setString(1, PartitionCatalog.quote(spec.table()));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
          }
        }
      });
    }
    return citusDistributed;
  }

  /** Whether the partition is attached and detach-pending (true), attached (false), or not attached (null). */
  private Boolean state(Connection c, String partition) throws SQLException {
    try (var ps = c.prepareStatement("SELECT i.inhdetachpending FROM pg_catalog.pg_inherits i "
        + "WHERE i.inhrelid = to_regclass(?) AND i.inhparent = to_regclass(?)")) {
      ps.setString(1, PartitionCatalog.quote(partition));
      ps.setString(2, PartitionCatalog.quote(spec.table()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }

  /**
   * Marks a detached table that could not be dropped yet (a reader held it), so that the next
   * run finds and drops it: it is no longer a partition, so the catalog of partitions forgets it.
   * {@code COMMENT} takes SHARE UPDATE EXCLUSIVE, which readers do not block.
   */
  public void markRetired(String table) {
    db.transaction(() -> db.withConnection(c -> {
      execute(c, "SET LOCAL lock_timeout = '" + Sessions.LOCK_TIMEOUT + "'");
      execute(c, "COMMENT ON TABLE " + PartitionCatalog.quote(table) + " IS '" + retiredMark().replace("'", "''") + "'");
      return null;
    }));
  }

  /** Tables of the current schema that {@link #markRetired} marked for this table. */
  public List<String> retired() {
    return db.withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_description d "
          + "ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0 "
          + "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND NOT c.relispartition "
          + "AND d.description = ? ORDER BY c.relname")) {
        ps.setString(1, retiredMark());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return out;
    });
  }

  private String retiredMark() {
    return "quarry: detached from " + spec.table() + " by partition maintenance, to be dropped";
  }

  /** Drops a detached table; locks only that table. */
  public void drop(String table) {
    db.transaction(() -> db.withConnection(c -> {
      execute(c, "SET LOCAL lock_timeout = '" + Sessions.LOCK_TIMEOUT + "'");
      execute(c, "DROP TABLE IF EXISTS " + PartitionCatalog.quote(table));
      return true;
    }));
  }

  /**
   * The largest keys stored in the table's partitions (not its DEFAULT), largest first, at most
   * {@code n}: one index probe per partition, newest partition first, until {@code n} are found.
   */
  public List<Long> largestKeys(List<Existing> partitions, int n) {
    List<Existing> newestFirst = partitions.stream().filter(p -> !p.isDefault() && !p.detachPending())
        .sorted((a, b) -> Long.compare(b.lower(), a.lower())).toList();
    String key = PartitionCatalog.quote(spec.column());
    return db.withConnection(c -> {
      List<Long> keys = new ArrayList<>();
      for (Existing p : newestFirst) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + key + " FROM "
            + PartitionCatalog.quote(p.name()) + " ORDER BY " + key + " DESC LIMIT " + (n - keys.size()))) {
          while (rs.next()) {
            keys.add(rs.getLong(1));
          }
        }
        if (keys.size() >= n) {
          break;
        }
      }
      return keys;
    });
  }

  /** The largest key in the DEFAULT partition, or null when it is empty (an index probe when the key is indexed). */
  public Long largestDefaultKey(String defaultPartition) {
    String key = PartitionCatalog.quote(spec.column());
    return db.withConnection(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(" + key + ") FROM "
          + PartitionCatalog.quote(defaultPartition))) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    });
  }

  /** The transaction's preamble: bounded lock waits, UTC catalog output, the table's advisory lock, the parent lock. */
  private void guard(Connection c, String parentLock) throws SQLException {
    execute(c, "SET LOCAL lock_timeout = '" + Sessions.LOCK_TIMEOUT + "'");
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

  private static void execute(Connection c, String sql) throws SQLException {
    Sessions.execute(c, "PartitionManager.maintain", sql);
  }
}
