package dev.quarry.runtime;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Applies generated DDL, such as {@code DocumentSchema.statements()}. */
public final class Schema {
  /** Serializes concurrent {@link #apply} calls across processes; any fixed key works. */
  private static final long LOCK_KEY = 0x5155_4152_5259_0001L;

  private Schema() {}

  /**
   * Runs {@code statements} in order, in one transaction: all of them take effect or none.
   * Generated statements are idempotent, so applying a schema twice changes nothing.
   * Several application instances starting at once would race on {@code CREATE ... IF NOT
   * EXISTS} (which is not atomic in PostgreSQL), so the transaction first takes an advisory
   * lock that makes them take turns.
   */
  public static void apply(Database db, List<String> statements) {
    db.transaction(() -> db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        for (String sql : statements) {
          try {
            s.execute(sql);
          } catch (SQLException e) {
            throw dev.quarry.runtime.internal.SqlStates.translate(e, "Schema.apply", sql);
          }
        }
      }
      return null;
    }));
  }
}
