package dev.quarry.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Jdbi 3 core (fluent API), as its developer guide shows it: a handle per unit of work, positional
 * binds (Jdbi's own argument factories, {@code Instant} included), a {@link RowMapper} written by
 * hand, and bulk writes through {@link PreparedBatch} in batches of 1000 inside one transaction.
 * Jdbi's statement-parsing cache is on by default.
 */
final class JdbiPeer {
  private static final RowMapper<BenchEvent> EVENT = (rs, ctx) -> HandJdbc.event(rs);
  private static final RowMapper<BenchPost> POST = JdbiPeer::post;

  private final Jdbi jdbi;

  JdbiPeer(DataSource ds) {
    this.jdbi = Jdbi.create(ds);
  }

  BenchEvent findById(long id) {
    return jdbi.withHandle(h -> h.createQuery(HandJdbc.FIND).bind(0, id).map(EVENT).findOne().orElse(null));
  }

  BenchEvent insert(BenchEvent e) {
    return jdbi.withHandle(h -> bind(h.createQuery(HandJdbc.INSERT_RETURNING), e).map(EVENT).one());
  }

  BenchEvent update(BenchEvent e) {
    return jdbi.withHandle(h -> h.createQuery(HandJdbc.UPDATE_RETURNING)
        .bind(0, e.accountId()).bind(1, e.kind()).bind(2, e.amount()).bind(3, e.createdAt()).bind(4, e.note())
        .bind(5, e.id()).map(EVENT).findOne().orElse(null));
  }

  void insertAll(List<BenchEvent> rows) {
    batch(HandJdbc.INSERT, rows, false);
  }

  void insertAllIdentity(List<BenchEvent> rows) {
    batch(HandJdbc.INSERT_ENTRY, rows, true);
  }

  void upsertAll(List<BenchEvent> rows) {
    batch(HandJdbc.UPSERT, rows, false);
  }

  private void batch(String sql, List<BenchEvent> rows, boolean withoutId) {
    jdbi.useTransaction(h -> {
      for (int from = 0; from < rows.size(); from += HandJdbc.BATCH) {
        PreparedBatch batch = h.prepareBatch(sql);
        for (BenchEvent e : rows.subList(from, Math.min(rows.size(), from + HandJdbc.BATCH))) {
          if (withoutId) {
            batch.bind(0, e.accountId()).bind(1, e.kind()).bind(2, e.amount()).bind(3, e.createdAt()).bind(4, e.note());
          } else {
            bind(batch, e);
          }
          batch.add();
        }
        batch.execute();
      }
    });
  }

  List<BenchPost> seekAfter(BenchPost at, int size) {
    return jdbi.withHandle(h -> h.createQuery(HandJdbc.SEEK_AFTER).bind(0, at.createdAt()).bind(1, at.id()).bind(2, size)
        .map(POST).list());
  }

  private static <S extends SqlStatement<S>> S bind(S statement, BenchEvent e) {
    return statement.bind(0, e.id()).bind(1, e.accountId()).bind(2, e.kind()).bind(3, e.amount())
        .bind(4, e.createdAt()).bind(5, e.note());
  }

  private static BenchPost post(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
    return new BenchPost(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3));
  }
}
