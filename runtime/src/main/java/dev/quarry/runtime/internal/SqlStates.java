package dev.quarry.runtime.internal;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.ConnectionLostException;
import dev.quarry.runtime.DataException;
import dev.quarry.runtime.ExclusionViolationException;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.NoPartitionException;
import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.PermissionDeniedException;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.QueryTimeoutException;
import dev.quarry.runtime.ResourceExhaustedException;
import dev.quarry.runtime.TransactionOutcomeUnknownException;
import dev.quarry.runtime.TransientDataException;
import dev.quarry.runtime.UniqueViolationException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a driver exception into the {@link QuarryException} subclass its SQLSTATE names.
 *
 * <p>Classification is by SQLSTATE, never by message text, except where PostgreSQL uses one
 * code for two things: 23514 is both a CHECK violation (with a constraint name) and "no
 * partition of relation ... found for row" (without one). A failed batch is classified by the
 * server error behind it ({@code getNextException()}), not by its own 'batch aborted' state.
 *
 * <table>
 * <caption>SQLSTATE to exception</caption>
 * <tr><td>23505</td><td>{@link UniqueViolationException}</td></tr>
 * <tr><td>23503</td><td>{@link ForeignKeyViolationException}</td></tr>
 * <tr><td>23502</td><td>{@link NotNullViolationException}</td></tr>
 * <tr><td>23514</td><td>{@link CheckViolationException}, or {@link NoPartitionException}</td></tr>
 * <tr><td>23P01</td><td>{@link ExclusionViolationException}</td></tr>
 * <tr><td>class 22</td><td>{@link DataException}</td></tr>
 * <tr><td>42501</td><td>{@link PermissionDeniedException}</td></tr>
 * <tr><td>40001, 40P01, 55P03</td><td>{@link TransientDataException}</td></tr>
 * <tr><td>57014</td><td>{@link QueryTimeoutException}</td></tr>
 * <tr><td>class 53</td><td>{@link ResourceExhaustedException}</td></tr>
 * <tr><td>class 08, 25P03, 57P01, 57P02, 57P03, 57P05; a pool's connection exceptions</td>
 *     <td>{@link ConnectionLostException}</td></tr>
 * <tr><td>anything else</td><td>{@link QuarryException}</td></tr>
 * </table>
 */
public final class SqlStates {
  private static final Pattern NO_PARTITION =
      Pattern.compile("no partition of relation \"((?:[^\"]|\"\")+)\" found for row");

  private SqlStates() {}

  /**
   * The exception to throw for {@code e}, raised by {@code method} running {@code sql}, or the
   * statement a {@link StatementFailure} names.
   *
   * @param method the DAO method, such as {@code "DocumentDao.insert"}
   * @param sql the statement text, or {@code null}
   */
  public static QuarryException translate(SQLException e, String method, String sql) {
    if (e instanceof StatementFailure f) {
      return translate(f.failure(), method, f.sql(), f.note());
    }
    return translate(e, method, sql, null);
  }

  private static QuarryException translate(SQLException e, String method, String sql, String note) {
    SQLException server = serverError(e);
    String state = server.getSQLState();
    ServerErrorMessage details = server instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String constraint = details == null ? null : details.getConstraint();
    String text = details != null ? Redaction.primaryMessage(state, details.getMessage()) : driverText(server);
    String message = message(method, sql, state, details, text) + (note == null ? "" : "; " + note);
    if (state == null) {
      return isConnectionException(server)
          ? new ConnectionLostException(message, null, null, e)
          : new QuarryException(message, null, constraint, e);
    }
    switch (state) {
      case "23505":
        return new UniqueViolationException(message, state, constraint, e);
      case "23503":
        return new ForeignKeyViolationException(message, state, constraint, e);
      case "23502":
        return new NotNullViolationException(message, state, constraint, e);
      case "23514":
        Matcher m = text == null ? null : NO_PARTITION.matcher(text);
        if (constraint == null && m != null && m.find()) {
          return new NoPartitionException(message, m.group(1).replace("\"\"", "\""), e);
        }
        return new CheckViolationException(message, state, constraint, e);
      case "23P01":
        return new ExclusionViolationException(message, state, constraint, e);
      case "42501":
        return new PermissionDeniedException(message, state, constraint, e);
      case "40001":
      case "40P01":
      case "55P03":
        return new TransientDataException(message, state, constraint, e);
      case "57014":
        return new QueryTimeoutException(message, state, constraint, e);
      default:
        if (endsSession(state) || isConnectionException(server)) {
          return new ConnectionLostException(message, state, constraint, e);
        }
        if (state.startsWith("22")) {
          return new DataException(message, state, constraint, e);
        }
        if (state.startsWith("53")) {
          return new ResourceExhaustedException(message, state, constraint, e);
        }
        return new QuarryException(message, state, constraint, e);
    }
  }

  /**
   * The exception for {@code e} raised by COMMIT. A failure that ends the session may have
   * struck after the server committed, so its outcome is unknown; except 08003 (pgjdbc found
   * the connection closed and sent nothing) and 25P03 (the server ended the session while it
   * waited, idle, for the COMMIT), after which nothing was committed. Any other failure (a
   * deferred constraint, a serialization failure) is a rollback, translated as usual.
   */
  public static QuarryException translateCommit(SQLException e, String method) {
    String state = serverError(e).getSQLState();
    boolean sessionEnded = (state != null && endsSession(state)) || isConnectionException(e);
    if (!sessionEnded || "08003".equals(state) || "25P03".equals(state)) {
      return translate(e, method, "COMMIT");
    }
    return new TransactionOutcomeUnknownException(method + " failed: the connection was lost while COMMIT was in"
        + " flight, so the unit of work may or may not have been committed; check before doing it again"
        + " [SQLSTATE " + state + "]", state, null, e);
  }

  /**
   * Whether a SQLSTATE means the session is gone: class 08, 25P03 (idle-in-transaction
   * timeout), 57P01 (admin shutdown), 57P02 (crash shutdown), 57P03 (cannot connect now),
   * 57P05 (idle-session timeout).
   */
  public static boolean endsSession(String state) {
    return state.startsWith("08") || state.equals("25P03") || state.equals("57P01")
        || state.equals("57P02") || state.equals("57P03") || state.equals("57P05");
  }

  /**
   * Whether a whole transaction may be rerun after this failure: 40001 or 40P01 at its root.
   * Never after a lost connection, whose unit may have committed.
   */
  public static boolean isRetryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectionLostException) {
        return false;
      }
      String state = c instanceof QuarryException q ? q.sqlState()
          : c instanceof SQLException s ? s.getSQLState() : null;
      if ("40001".equals(state) || "40P01".equals(state)) {
        return true;
      }
      if (c.getCause() == c) {
        return false;
      }
    }
    return false;
  }

  /** The server's own error behind a failed batch, else {@code e}. */
  private static SQLException serverError(SQLException e) {
    if (e instanceof BatchUpdateException && e.getNextException() != null) {
      return e.getNextException();
    }
    return e;
  }

  private static boolean isConnectionException(SQLException e) {
    return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException;
  }

  /**
   * A driver message, which is kept only where it is a fixed text (connection failures), or a
   * message Quarry wrote without values ({@link ValueFailure}).
   */
  private static String driverText(SQLException e) {
    String state = e.getSQLState();
    if ((state != null && state.startsWith("08")) || isConnectionException(e) || e instanceof ValueFailure) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + " (driver message withheld: it may contain bound values)";
  }

  private static String message(String method, String sql, String state, ServerErrorMessage details, String text) {
    StringBuilder b = new StringBuilder(method).append(" failed: ")
        .append(text == null ? "(no message)" : text);
    b.append(" [SQLSTATE ").append(state);
    if (details != null) {
      part(b, "constraint", details.getConstraint());
      part(b, "schema", details.getSchema());
      part(b, "table", details.getTable());
      part(b, "column", details.getColumn());
    }
    b.append(']');
    if (sql != null) {
      b.append(" in statement: ").append(sql.replaceAll("\\s+", " ").trim());
    }
    return b.toString();
  }

  private static void part(StringBuilder b, String name, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(", ").append(name).append(' ').append(value);
    }
  }

  /**
   * Whether a read that failed on a standby belongs on the primary instead: the statement
   * writes after all (25006 read_only_sql_transaction) or the standby went away (class 08,
   * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
   */
  public static boolean belongsOnPrimary(String state) {
    return state != null && (state.equals("25006") || state.startsWith("08")
        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
  }
}
