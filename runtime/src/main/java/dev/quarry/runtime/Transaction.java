package dev.quarry.runtime;

import dev.quarry.runtime.internal.ValueFailure;
import dev.quarry.runtime.internal.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The transaction in flight on one thread: its connection, the units of work nested in it as
 * savepoints, and whether a statement of it failed.
 *
 * <p>PostgreSQL aborts a transaction at its first error: every later statement fails with
 * 25P02 and COMMIT quietly becomes ROLLBACK. So when a unit's code returns normally while the
 * transaction is aborted (it caught a failure), the unit does not commit or release its
 * savepoint: it rolls back and throws. Whether the transaction is aborted is read from the
 * driver's protocol state (the server reports it with every ReadyForQuery); with a driver that
 * does not expose it, any failure that left a statement inside the unit counts. A statement that
 * ran but whose result could not be read counts too: the server goes on, but its changes must not
 * commit after its caller was told it failed.
 */
final class Transaction {
  private static final String METHOD = "Database.transaction";

  private final Connection connection;
  private final BaseConnection protocol;
  private QuarryException firstFailure;
  /**
   * A statement failed on a value Quarry refused itself ({@link ValueFailure#abortsUnit}: a value
   * it would not send, or a result it could not read of a statement that changes data):
   * PostgreSQL's transaction goes on, and may hold what the statement changed, although its
   * caller was told it failed. The unit must not commit, as it would not after PostgreSQL's own
   * refusal. A result of a plain query that cannot be read changed nothing and does not count.
   */
  private boolean refusedValue;
  private int failures;

  Transaction(Connection connection) {
    this.connection = connection;
    this.protocol = protocolOf(connection);
  }

  Connection connection() {
    return connection;
  }

  /**
   * Runs the outermost unit on the connection, already out of auto-commit: opens it with
   * {@code options}, runs {@code work}, commits. Any failure rolls back and is rethrown.
   */
  <T> T runOutermost(TxOptions options, SqlSupplier<T> work) {
    T result;
    try {
      execute(options.openingStatements());
      result = work.get();
      failIfAborted();
    } catch (SQLException e) {
      QuarryException failure = failed(SqlStates.translate(e, METHOD, null));
      rollback(failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      rollback(e);
      throw e;
    }
    try {
      connection.commit();
    } catch (SQLException e) {
      // A failed COMMIT has ended the transaction on the server; there is nothing to roll back.
      throw SqlStates.translateCommit(e, METHOD);
    }
    return result;
  }

  /**
   * Runs a unit nested in this transaction as a savepoint: when {@code work} throws, or returns
   * with the transaction aborted, only the unit's own work is rolled back.
   */
  <T> T runNested(TxOptions options, SqlSupplier<T> work) {
    if (options.retries() > 0) {
      throw new IllegalStateException("retries(" + options.retries() + ") applies to an outermost unit only: "
          + "a serialization failure or deadlock dooms the whole enclosing transaction, so a nested unit "
          + "cannot be rerun alone; set retries on the outermost db.transaction");
    }
    failIfAborted();
    String[] restore = checkAgainstEnclosing(options);
    QuarryException firstBefore = firstFailure;
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw failed(SqlStates.translate(e, METHOD, "SAVEPOINT"));
    }
    try {
      execute(options.timeoutStatements());
      T result = work.get();
      failIfAborted();
      restoreTimeouts(restore);
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException e) {
      QuarryException failure = failed(SqlStates.translate(e, METHOD, null));
      rollbackTo(savepoint, firstBefore, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      rollbackTo(savepoint, firstBefore, e);
      throw e;
    }
  }

  /**
   * Notes a failure that left a statement of this transaction, and returns it. A 25P02 (a
   * statement refused because of an earlier failure) carries that first failure as suppressed.
   */
  QuarryException failed(QuarryException e) {
    if (e.sqlState() == null) {
      return e;
    }
    failures++;
    if (e.getCause() instanceof ValueFailure v && v.abortsUnit()) {
      refusedValue = true;
    }
    if (!aborted()) {
      return e;
    }
    if (firstFailure == null) {
      firstFailure = e;
    } else if (e != firstFailure && "25P02".equals(e.sqlState())) {
      e.addSuppressed(firstFailure);
    }
    return e;
  }

  /** Whether the transaction cannot go on: it is aborted, or its connection is gone. */
  boolean unusable() {
    try {
      return aborted() || connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private void failIfAborted() {
    if (aborted()) {
      String why = serverAborted() ? "PostgreSQL aborts the whole transaction at its first error"
          : "Quarry refused a value of it, and the unit's changes would commit although the statement was reported"
          + " as failed";
      throw new QuarryException(METHOD + " failed: a statement of the unit of work failed and the failure was caught,"
          + " but " + why + ", so the unit is rolled back instead of committing; let the failure propagate, or run"
          + " the statement in a nested db.transaction (a savepoint) and catch outside it [SQLSTATE 25P02]", "25P02",
          null, firstFailure);
    }
  }

  private boolean aborted() {
    return refusedValue || serverAborted();
  }

  private boolean serverAborted() {
    return protocol != null ? protocol.getTransactionState() == TransactionState.FAILED : failures > 0;
  }

  /**
   * Refuses options a nested unit cannot have: an isolation level or read-only mode other than
   * the enclosing transaction's (which PostgreSQL fixes for the whole transaction). Reads the
   * transaction's settings from the server, so this holds whoever began it. Returns the
   * timeouts to put back after the unit, or {@code null}.
   */
  private String[] checkAgainstEnclosing(TxOptions options) {
    if (options.isolation() == null && !options.readOnlySet() && options.timeoutStatements().isEmpty()) {
      return null;
    }
    String[] now = new String[4];
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('transaction_isolation'),"
            + " current_setting('transaction_read_only'), current_setting('statement_timeout'),"
            + " current_setting('lock_timeout')")) {
      rs.next();
      for (int i = 0; i < now.length; i++) {
        now[i] = rs.getString(i + 1);
      }
    } catch (SQLException e) {
      throw failed(SqlStates.translate(e, METHOD, null));
    }
    if (options.isolation() != null && !options.isolation().sql().equalsIgnoreCase(now[0])) {
      throw new IllegalStateException("a nested unit asks for isolation " + options.isolation()
          + " but the enclosing transaction runs " + now[0].toUpperCase(java.util.Locale.ROOT)
          + ", and PostgreSQL fixes isolation for the whole transaction; set it on the outermost unit");
    }
    boolean readOnlyNow = "on".equals(now[1]);
    if (options.readOnlySet() && options.readOnly() != readOnlyNow) {
      throw new IllegalStateException("a nested unit asks for readOnly(" + options.readOnly()
          + ") but the enclosing transaction is " + (readOnlyNow ? "read-only" : "read-write")
          + "; set it on the outermost unit");
    }
    return new String[] {
        options.statementTimeout() != null ? now[2] : null, options.lockTimeout() != null ? now[3] : null};
  }

  /**
   * Puts back the enclosing unit's timeouts: {@code SET LOCAL} inside a savepoint outlives
   * RELEASE SAVEPOINT (PostgreSQL keeps it to the end of the transaction). ROLLBACK TO
   * SAVEPOINT undoes it by itself.
   */
  private void restoreTimeouts(String[] restore) throws SQLException {
    if (restore == null || (restore[0] == null && restore[1] == null)) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT set_config('statement_timeout', coalesce(?, current_setting('statement_timeout')), true),"
            + " set_config('lock_timeout', coalesce(?, current_setting('lock_timeout')), true)")) {
      ps.setString(1, restore[0]);
      ps.setString(2, restore[1]);
      ps.executeQuery().close();
    }
  }

  private void execute(List<String> statements) throws SQLException {
    if (statements.isEmpty()) {
      return;
    }
    // One round trip: the driver sends the statements together.
    try (Statement s = connection.createStatement()) {
      s.execute(String.join("; ", statements));
    }
  }

  private void rollback(Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(SqlStates.translate(e, METHOD, "ROLLBACK"));
    }
  }

  private void rollbackTo(Savepoint savepoint, QuarryException firstBefore, Throwable cause) {
    try {
      connection.rollback(savepoint);
      failures = 0;
      refusedValue = false;
      firstFailure = firstBefore;
    } catch (SQLException e) {
      cause.addSuppressed(SqlStates.translate(e, METHOD, "ROLLBACK TO SAVEPOINT"));
    }
  }

  /** pgjdbc's connection behind a pool's wrapper, for its transaction state; {@code null} if none. */
  private static BaseConnection protocolOf(Connection c) {
    try {
      return c.isWrapperFor(BaseConnection.class) ? c.unwrap(BaseConnection.class) : null;
    } catch (SQLException | RuntimeException | LinkageError e) {
      // a wrapper that cannot be asked (unwrap unsupported, or older than JDBC 4)
      return null;
    }
  }
}
