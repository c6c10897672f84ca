package dev.quarry.runtime.internal;

import dev.quarry.runtime.ConnectionProvider;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.StatementListener;
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
 * <p>Who owns what:
 * <ul>
 *   <li>inside a unit of work of the {@link Database}, the stream borrows the unit's connection
 *       and closing it closes only the statement;</li>
 *   <li>outside one, it acquires a connection from the {@link ConnectionProvider} and holds it
 *       until closed. On a connection it owns it opens a transaction and ends it when closed:
 *       commit when every row was read, rollback when closed early or after a failure (so a
 *       data-changing statement with {@code RETURNING} applies only when read to the end). On
 *       a connection an outer transaction manages it touches neither commit nor auto-commit,
 *       and marks that transaction rollback-only after a failure.</li>
 * </ul>
 * Reading the last row closes the stream by itself; {@code close()} may be called any number of
 * times. The {@link StatementListener} hears of the statement once, from open to close.
 */
final class RowStream<T> extends Spliterators.AbstractSpliterator<T> {
  private final ConnectionProvider provider;
  private final String method;
  private final String sql;
  private final RowMapper<T> mapper;
  private final StatementListener.Run run;
  private final Database db;
  private final long started = System.nanoTime();
  private Connection connection;
  /** Whether the stream acquired the connection (it releases it), and whether it owns its transaction. */
  private boolean acquired;
  private boolean ownsTransaction;
  private PreparedStatement statement;
  private ResultSet rows;
  private boolean finished;
  private Throwable failure;
  private boolean closed;

  private RowStream(Database db, String method, String sql, RowMapper<T> mapper) {
    super(Long.MAX_VALUE, Spliterator.ORDERED);
    this.db = db;
    this.provider = db.connections();
    this.method = method;
    this.sql = sql;
    this.mapper = mapper;
    this.run = db.listener().started(method, sql);
  }

  static <T> Stream<T> open(Database db, String method, String sql, Binder binder, RowMapper<T> mapper, int fetchSize) {
    RowStream<T> stream = new RowStream<>(db, method, sql, mapper);
    try {
      stream.connect(db);
      stream.statement = stream.connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY);
      stream.statement.setFetchSize(fetchSize);
      binder.bind(stream.statement);
      stream.rows = stream.statement.executeQuery();
    } catch (SQLException e) {
      throw stream.fail(e);
    } catch (RuntimeException e) {
      throw stream.ended(e);
    } catch (Error e) {
      throw stream.ended(e);
    }
    return StreamSupport.stream(stream, false).onClose(stream::close);
  }

  private void connect(Database db) throws SQLException {
    if (db.inTransaction()) {
      connection = db.withConnection(tx -> tx);
      return;
    }
    connection = provider.acquire();
    acquired = true;
    if (!provider.isManaged(connection)) {
      connection.setAutoCommit(false);
      ownsTransaction = true;
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
    } catch (RuntimeException e) {
      throw ended(e);
    } catch (Error e) {
      throw ended(e);
    }
    action.accept(row);
    return true;
  }

  /** Ends the stream after {@code e} and returns what to throw. */
  private RuntimeException fail(SQLException e) {
    RuntimeException translated = SqlStates.translate(e, method, sql);
    if (e instanceof ValueFailure v && v.abortsUnit() && db.inTransaction()) {
      // a row of a change that cannot be read: the enclosing unit must not commit the change
      // (its other statements report failures through Database.withConnection; so does this)
      try {
        db.withConnection(c -> {
          throw e;
        });
      } catch (RuntimeException reported) {
        // the unit now knows; the caller gets the stream's own failure
      }
    }
    return ended(translated);
  }

  /** Ends the stream after {@code e}, which the caller then throws. */
  private <X extends Throwable> X ended(X e) {
    failure = e;
    try {
      close();
    } catch (RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
    return e;
  }

  /** Closes the cursor and gives back what the stream took: transaction, connection. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    SQLException problem = closeQuietly(rows, null);
    problem = closeQuietly(statement, problem);
    if (connection != null && ownsTransaction) {
      problem = endTransaction(problem);
    } else if (connection != null && acquired && failure != null) {
      provider.markRollbackOnly(connection);
    }
    if (connection != null && acquired) {
      try {
        provider.release(connection);
      } catch (SQLException e) {
        problem = chain(problem, e);
      }
    }
    RuntimeException thrown = problem == null || failure != null ? null : SqlStates.translate(problem, method, sql);
    run.finished(System.nanoTime() - started, failure != null ? failure : thrown);
    if (thrown != null) {
      throw thrown;
    }
  }

  private SQLException endTransaction(SQLException problem) {
    try {
      if (finished && failure == null && problem == null) {
        connection.commit();
      } else {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      return chain(problem, e);
    }
    return problem;
  }

  private static SQLException closeQuietly(AutoCloseable resource, SQLException problem) {
    if (resource == null) {
      return problem;
    }
    try {
      resource.close();
    } catch (SQLException e) {
      return chain(problem, e);
    } catch (Exception e) {
      return chain(problem, new SQLException(e));
    }
    return problem;
  }

  private static SQLException chain(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
