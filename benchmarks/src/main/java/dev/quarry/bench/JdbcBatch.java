package dev.quarry.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Hand-written JDBC, as careful code without Quarry would do it: one transaction, batches of 1000. */
final class JdbcBatch {
  static final String INSERT = "INSERT INTO bench_events (id, account_id, kind, amount, created_at, note) "
      + "VALUES (?, ?, ?, ?, ?, ?)";
  static final String UPSERT = INSERT + " ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, "
      + "kind = EXCLUDED.kind, amount = EXCLUDED.amount, created_at = EXCLUDED.created_at, note = EXCLUDED.note";

  private JdbcBatch() {}

  static void run(List<BenchEvent> events, String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int n = 0;
        for (BenchEvent e : events) {
          ps.setLong(1, e.id());
          ps.setLong(2, e.accountId());
          ps.setString(3, e.kind());
          ps.setBigDecimal(4, e.amount());
          ps.setObject(5, OffsetDateTime.ofInstant(e.createdAt(), ZoneOffset.UTC));
          ps.setString(6, e.note());
          ps.addBatch();
          if (++n % 1000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }
}
