package dev.quarry.runtime.internal;

import dev.quarry.runtime.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of one query as a {@link Stream}, read through a server-side cursor: pgjdbc fetches
 * {@code fetchSize} rows per round trip only when the statement runs inside a transaction with
 * a fetch size set, so memory stays bounded however many rows there are.
 *
 * <p>Who owns what: inside a transaction of the {@link Database} the stream borrows that
 * transaction's connection and closing it closes only the statement. Outside one it takes a
 * connection of its own, opens a transaction on it and ends both when closed: it commits when
 * every row was read, and rolls back when closed early or after a failure (so a data-changing
 * statement with {@code RETURNING} is applied only when read to the end). Reading the last row
 * closes the stream by itself; {@code close()} may be called any number of times.
 */
final class RowStream<T> extends Spliterators.AbstractSpliterator<T> {
  private final String method;
  private final String sql;
  private final RowMapper<T> mapper;
  private final boolean owned;
  private final Connection connection;
  private PreparedStatement statement;
  private ResultSet rows;
  private boolean finished;
  private boolean closed;

  private RowStream(String method, String sql, RowMapper<T> mapper, boolean owned, Connection c) {
    super(Long.MAX_VALUE, Spliterator.ORDERED);
    this.method = method;
    this.sql = sql;
    this.mapper = mapper;
    this.owned = owned;
    this.connection = c;
  }

  static <T> Stream<T> open(Database db, String method, String sql, Binder binder, RowMapper<T> mapper, int fetchSize) {
    boolean owned = !db.inTransaction();
    Connection c = owned ? ownConnection(db, method, sql) : db.withConnection(tx -> tx);
    RowStream<T> stream = new RowStream<>(method, sql, mapper, owned, c);
    try {
      stream.statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      stream.statement.setFetchSize(fetchSize);
      binder.bind(stream.statement);
      stream.rows = stream.statement.executeQuery();
    } catch (SQLException e) {
      throw stream.fail(e);
    } catch (RuntimeException | Error e) {
      stream.close();
      throw e;
    }
    return StreamSupport.stream(stream, false).onClose(stream::close);
  }

  private static Connection ownConnection(Database db, String method, String sql) {
    Connection c = null;
    try {
      c = db.dataSource().getConnection();
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw SqlStates.translate(e, method, sql);
    }
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    if (closed) {
      return false;
    }
    T row;
    try {
      if (!rows.next()) {
        finished = true;
        close();
        return false;
      }
      row = mapper.map(rows);
    } catch (SQLException e) {
      throw fail(e);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
    action.accept(row);
    return true;
  }

  /** Ends the stream after {@code e} and returns what to throw. */
  private RuntimeException fail(SQLException e) {
    RuntimeException failure = SqlStates.translate(e, method, sql);
    try {
      close();
    } catch (RuntimeException suppressed) {
      failure.addSuppressed(suppressed);
    }
    return failure;
  }

  /** Closes the cursor and, when the stream owns them, ends the transaction and returns the connection. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    failure = closeQuietly(rows, failure);
    failure = closeQuietly(statement, failure);
    if (owned) {
      failure = endTransaction(failure);
      failure = closeQuietly(connection, failure);
    }
    if (failure != null) {
      throw SqlStates.translate(failure, method, sql);
    }
  }

  private SQLException endTransaction(SQLException failure) {
    try {
      if (finished && failure == null) {
        connection.commit();
      } else {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      return chain(failure, e);
    }
    return failure;
  }

  private static SQLException closeQuietly(AutoCloseable resource, SQLException failure) {
    if (resource == null) {
      return failure;
    }
    try {
      resource.close();
    } catch (SQLException e) {
      return chain(failure, e);
    } catch (Exception e) {
      return chain(failure, new SQLException(e));
    }
    return failure;
  }

  private static SQLException chain(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
