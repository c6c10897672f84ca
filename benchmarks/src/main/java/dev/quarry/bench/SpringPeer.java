package dev.quarry.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's {@link JdbcTemplate} as its reference guide shows it: arguments passed with their SQL
 * types (so a null is bound without asking the driver for parameter metadata), a {@link RowMapper}
 * written by hand (no reflection), and bulk writes through
 * {@code batchUpdate(sql, rows, batchSize, setter)} in one {@link TransactionTemplate}.
 */
final class SpringPeer {
  private static final int[] ROW_TYPES = {Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.NUMERIC,
      Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR};
  private static final int[] UPDATE_TYPES = {Types.BIGINT, Types.VARCHAR, Types.NUMERIC,
      Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.BIGINT};
  private static final RowMapper<BenchEvent> EVENT = (rs, n) -> HandJdbc.event(rs);
  private static final RowMapper<BenchPost> POST = SpringPeer::post;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  SpringPeer(DataSource ds) {
    this.jdbc = new JdbcTemplate(ds);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
  }

  BenchEvent findById(long id) {
    return DataAccessUtils.singleResult(jdbc.query(HandJdbc.FIND, EVENT, id));
  }

  BenchEvent insert(BenchEvent e) {
    return jdbc.queryForObject(HandJdbc.INSERT_RETURNING, args(e), ROW_TYPES, EVENT);
  }

  BenchEvent update(BenchEvent e) {
    Object[] args = {e.accountId(), e.kind(), e.amount(), utc(e), e.note(), e.id()};
    return DataAccessUtils.singleResult(jdbc.query(HandJdbc.UPDATE_RETURNING, args, UPDATE_TYPES, EVENT));
  }

  void insertAll(List<BenchEvent> rows) {
    batch(HandJdbc.INSERT, rows);
  }

  void insertAllIdentity(List<BenchEvent> rows) {
    tx.executeWithoutResult(status -> jdbc.batchUpdate(HandJdbc.INSERT_ENTRY, rows, HandJdbc.BATCH, (ps, e) -> {
      ps.setLong(1, e.accountId());
      ps.setString(2, e.kind());
      ps.setBigDecimal(3, e.amount());
      ps.setObject(4, utc(e));
      ps.setString(5, e.note());
    }));
  }

  void upsertAll(List<BenchEvent> rows) {
    batch(HandJdbc.UPSERT, rows);
  }

  private void batch(String sql, List<BenchEvent> rows) {
    tx.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows, HandJdbc.BATCH, HandJdbc::bind));
  }

  List<BenchPost> seekAfter(BenchPost at, int size) {
    return jdbc.query(HandJdbc.SEEK_AFTER, POST, OffsetDateTime.ofInstant(at.createdAt(), ZoneOffset.UTC), at.id(), size);
  }

  private static Object[] args(BenchEvent e) {
    return new Object[] {e.id(), e.accountId(), e.kind(), e.amount(), utc(e), e.note()};
  }

  private static OffsetDateTime utc(BenchEvent e) {
    return OffsetDateTime.ofInstant(e.createdAt(), ZoneOffset.UTC);
  }

  private static BenchPost post(ResultSet rs, int n) throws SQLException {
    return new BenchPost(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3));
  }
}
