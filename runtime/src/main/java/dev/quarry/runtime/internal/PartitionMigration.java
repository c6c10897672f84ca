package dev.quarry.runtime.internal;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.internal.PartitionSlots.Slot;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code PartitionManager.migrate}: a plain table becomes the partitioned one its record now
 * declares. Rows move in batches, each one transaction that deletes them from the old table and
 * inserts them into the new one, so a crash loses nothing and a second call resumes.
 */
public final class PartitionMigration {
  private final Database db;
  private final PartitionSpec spec;
  private final PartitionSlots slots;
  private final Runnable maintain;
  private final Consumer<Slot> create;

  /**
   * @param maintain runs the manager's maintenance (current and premade partitions)
   * @param create creates one RANGE slot as maintenance does, if missing
   */
  public PartitionMigration(Database db, PartitionSpec spec, PartitionSlots slots, Runnable maintain,
      Consumer<Slot> create) {
    this.db = db;
    this.spec = spec;
    this.slots = slots;
    this.maintain = maintain;
    this.create = create;
  }

  /** Migrates and returns the number of rows moved. */
  public long run(List<String> statements, int batchRows) {
    String old = oldName();
    boolean resuming = db.withConnection(c -> PartitionCatalog.exists(c, old));
    if (!resuming) {
      db.transaction(() -> db.withConnection(c -> {
        renameAside(c, old);
        for (String sql : statements) {
          Sessions.execute(c, "PartitionManager.migrate", sql);
        }
        return null;
      }));
    }
    if (spec.isRange()) {
      // maintain() first: its retention must not see the history slots before their rows arrive.
      maintain.run();
      createSlotsFor(old);
    }
    String columns = String.join(", ", spec.columns().stream().map(PartitionCatalog::quote).toList());
    String move = "WITH moved AS (DELETE FROM " + PartitionCatalog.quote(old) + " WHERE ctid IN (SELECT ctid FROM "
        + PartitionCatalog.quote(old) + " LIMIT " + batchRows + ") RETURNING " + columns + ") INSERT INTO "
        + PartitionCatalog.quote(spec.table()) + " (" + columns + ") SELECT " + columns + " FROM moved";
    long total = 0;
    for (int moved = -1; moved != 0; total += moved) {
      moved = db.transaction(() -> db.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate(move);
        } catch (SQLException e) {
          throw SqlStates.translate(e, "PartitionManager.migrate", move);
        }
      }));
    }
    db.transaction(() -> db.withConnection(c -> {
      continueIdentities(c);
      Sessions.execute(c, "PartitionManager.migrate", "DROP TABLE " + PartitionCatalog.quote(old));
      return null;
    }));
    return total;
  }

  private String oldName() {
    String suffix = "_unpartitioned";
    String base = spec.table();
    while (base.getBytes(StandardCharsets.UTF_8).length + suffix.length() > 63) {
      base = base.substring(0, base.length() - 1);
    }
    return base + suffix;
  }

  private void renameAside(Connection c, String old) throws SQLException {
    Sessions.execute(c, "PartitionManager.migrate", "SET LOCAL lock_timeout = '" + Sessions.LOCK_TIMEOUT + "'");
    String table = PartitionCatalog.quote(spec.table());
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relkind, (SELECT count(*) FROM "
        + "pg_constraint f WHERE f.confrelid = c.oid AND f.contype = 'f' AND f.conrelid <> c.oid) FROM pg_class c "
        + "WHERE c.oid = to_regclass('" + table.replace("'", "''") + "')")) {
      if (!rs.next() || !rs.getString(1).equals("r")) {
        throw new IllegalStateException(spec.table() + " is not a plain table: nothing to migrate");
      }
      if (rs.getLong(2) > 0) {
        throw new IllegalStateException(spec.table() + " is referenced by foreign keys; drop them, migrate, then"
            + " recreate them against the partitioned table");
      }
    }
    Sessions.execute(c, "PartitionManager.migrate", "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
    List<String> indexes = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i.relname FROM pg_index x "
        + "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass('" + table.replace("'", "''") + "')")) {
      while (rs.next()) {
        indexes.add(rs.getString(1));
      }
    }
    // Index names share the schema's namespace with the new table's: move them out of the way.
    for (String index : indexes) {
      String renamed = index.length() > 56 ? index.substring(0, 56) : index;
      Sessions.execute(c, "PartitionManager.migrate", "ALTER INDEX " + PartitionCatalog.quote(index) + " RENAME TO " + PartitionCatalog.quote(renamed + "_unpart"));
    }
    Sessions.execute(c, "PartitionManager.migrate", "ALTER TABLE " + table + " RENAME TO " + PartitionCatalog.quote(old));
  }

  /** Creates every RANGE slot from the oldest to the newest key of the old table. */
  private void createSlotsFor(String old) {
    long[] range = db.transaction(() -> db.withConnection(c -> {
      Sessions.utc(c);
      String key = PartitionCatalog.quote(spec.column());
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT min(" + key + ")::text, max(" + key
          + ")::text FROM " + PartitionCatalog.quote(old))) {
        rs.next();
        return rs.getString(1) == null ? null : new long[] {slots.parse(rs.getString(1)), slots.parse(rs.getString(2))};
      }
    }));
    if (range == null) {
      return;
    }
    for (Slot slot = slots.slotAt(range[0]); slot.lower() <= range[1]; slot = slots.slotAt(slot.upper())) {
      create.accept(slot);
    }
  }

  /** New identity sequences start at 1; moved rows already hold ids, so continue after them. */
  private void continueIdentities(Connection c) throws SQLException {
    List<String> identities = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute WHERE "
        + "attrelid = to_regclass('" + PartitionCatalog.quote(spec.table()).replace("'", "''") + "') AND attidentity <> ''")) {
      while (rs.next()) {
        identities.add(rs.getString(1));
      }
    }
    for (String column : identities) {
      String table = PartitionCatalog.quote(spec.table()).replace("'", "''");
      Sessions.execute(c, "PartitionManager.migrate", "SELECT setval(pg_get_serial_sequence('" + table + "', '" + column.replace("'", "''") + "'), coalesce(max("
          + PartitionCatalog.quote(column) + "), 1), max(" + PartitionCatalog.quote(column) + ") IS NOT NULL) FROM " + table);
    }
  }
}
