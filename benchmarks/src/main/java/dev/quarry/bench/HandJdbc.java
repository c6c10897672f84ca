package dev.quarry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baseline: what careful code without any library does, on the same pool. Statements are
 * prepared on each call, as they are everywhere else here; pgjdbc caches them per connection and
 * server-prepares them from the fifth use. Bulk writes run in one transaction, batches of 1000
 * rows, and the pool's URL sets {@code reWriteBatchedInserts=true}.
 */
final class HandJdbc {
  static final String COLUMNS = "id, account_id, kind, amount, created_at, note";
  static final String FIND = "SELECT " + COLUMNS + " FROM bench_events WHERE id = ?";
  static final String INSERT = "INSERT INTO bench_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
  static final String INSERT_RETURNING = INSERT + " RETURNING " + COLUMNS;
  static final String UPDATE = "UPDATE bench_events SET account_id = ?, kind = ?, amount = ?, created_at = ?, note = ? WHERE id = ?";
  static final String UPDATE_RETURNING = UPDATE + " RETURNING " + COLUMNS;
  static final String UPSERT = INSERT + " ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, "
      + "kind = EXCLUDED.kind, amount = EXCLUDED.amount, created_at = EXCLUDED.created_at, note = EXCLUDED.note";
  static final String INSERT_ENTRY = "INSERT INTO bench_entries (account_id, kind, amount, created_at, note) VALUES (?, ?, ?, ?, ?)";
  static final String SEEK_AFTER = "SELECT id, created_at, title FROM bench_posts WHERE (created_at, id) < (?, ?) "
      + "ORDER BY created_at DESC, id DESC LIMIT ?";
  static final String SEEK_BEFORE = "SELECT id, created_at, title FROM bench_posts WHERE (created_at, id) > (?, ?) "
      + "ORDER BY created_at, id LIMIT ?";
  static final String OFFSET = "SELECT id, created_at, title FROM bench_posts ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
  static final int BATCH = 1000;

  private final DataSource ds;

  HandJdbc(DataSource ds) {
    this.ds = ds;
  }

  BenchEvent findById(long id) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? event(rs) : null;
      }
    }
  }

  /** The same statement as Quarry's {@code insert}: the stored row comes back. */
  BenchEvent insert(BenchEvent e) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_RETURNING)) {
      bind(ps, e);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return event(rs);
      }
    }
  }

  /** Without RETURNING: what the stored row costs to read back. */
  int insertOnly(BenchEvent e) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(ps, e);
      return ps.executeUpdate();
    }
  }

  BenchEvent update(BenchEvent e) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE_RETURNING)) {
      bindUpdate(ps, e);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? event(rs) : null;
      }
    }
  }

  int updateOnly(BenchEvent e) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE)) {
      bindUpdate(ps, e);
      return ps.executeUpdate();
    }
  }

  void insertAll(List<BenchEvent> rows) throws SQLException {
    batch(rows, INSERT, false);
  }

  /** Into the identity table, the id column left out so that PostgreSQL assigns it. */
  void insertAllIdentity(List<BenchEvent> rows) throws SQLException {
    batch(rows, INSERT_ENTRY, true);
  }

  void upsertAll(List<BenchEvent> rows) throws SQLException {
    batch(rows, UPSERT, false);
  }

  private void batch(List<BenchEvent> rows, String sql, boolean withoutId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int n = 0;
        for (BenchEvent e : rows) {
          if (withoutId) {
            bindWithoutId(ps, 1, e);
          } else {
            bind(ps, e);
          }
          ps.addBatch();
          if (++n % BATCH == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  List<BenchPost> seekAfter(BenchPost at, int size) throws SQLException {
    return posts(SEEK_AFTER, at, size);
  }

  /** The rows just before {@code at}, read nearest first and turned back into the list's order. */
  List<BenchPost> seekBefore(BenchPost at, int size) throws SQLException {
    List<BenchPost> rows = posts(SEEK_BEFORE, at, size);
    Collections.reverse(rows);
    return rows;
  }

  List<BenchPost> offsetPage(long offset, int size) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(OFFSET)) {
      ps.setInt(1, size);
      ps.setLong(2, offset);
      return posts(ps, size);
    }
  }

  private List<BenchPost> posts(String sql, BenchPost at, int size) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, OffsetDateTime.ofInstant(at.createdAt(), ZoneOffset.UTC));
      ps.setLong(2, at.id());
      ps.setInt(3, size);
      return posts(ps, size);
    }
  }

  private static List<BenchPost> posts(PreparedStatement ps, int size) throws SQLException {
    List<BenchPost> rows = new ArrayList<>(size);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new BenchPost(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
      }
    }
    return rows;
  }

  static void bind(PreparedStatement ps, BenchEvent e) throws SQLException {
    ps.setLong(1, e.id());
    bindWithoutId(ps, 2, e);
  }

  private static void bindUpdate(PreparedStatement ps, BenchEvent e) throws SQLException {
    bindWithoutId(ps, 1, e);
    ps.setLong(6, e.id());
  }

  private static void bindWithoutId(PreparedStatement ps, int first, BenchEvent e) throws SQLException {
    ps.setLong(first, e.accountId());
    ps.setString(first + 1, e.kind());
    ps.setBigDecimal(first + 2, e.amount());
    ps.setObject(first + 3, OffsetDateTime.ofInstant(e.createdAt(), ZoneOffset.UTC));
    ps.setString(first + 4, e.note());
  }

  static BenchEvent event(ResultSet rs) throws SQLException {
    return new BenchEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6));
  }
}
