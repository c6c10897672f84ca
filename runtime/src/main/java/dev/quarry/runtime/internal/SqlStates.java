package dev.quarry.runtime.internal;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.ConnectionLostException;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.NoPartitionException;
import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.TransientDataException;
import dev.quarry.runtime.UniqueViolationException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a driver exception into the {@link QuarryException} subclass its SQLSTATE names.
 *
 * <p>Classification is by SQLSTATE, never by message text, except where PostgreSQL uses one
 * code for two things: 23514 is both a CHECK violation (with a constraint name) and "no
 * partition of relation ... found for row" (without one).
 */
public final class SqlStates {
  private static final Pattern NO_PARTITION =
      Pattern.compile("no partition of relation \"((?:[^\"]|\"\")+)\" found for row");

  private SqlStates() {}

  /**
   * The exception to throw for {@code e}, raised by {@code method} running {@code sql}.
   *
   * @param method the DAO method, such as {@code "DocumentDao.insert"}
   * @param sql the statement text, or {@code null}
   */
  public static QuarryException translate(SQLException e, String method, String sql) {
    String state = e.getSQLState();
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String constraint = server == null ? null : server.getConstraint();
    String text = server == null ? e.getMessage() : server.getMessage();
    String message = message(method, sql, state, constraint, text);
    if (state == null) {
      return new QuarryException(message, null, constraint, e);
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
      case "40001":
      case "40P01":
      case "55P03":
        return new TransientDataException(message, state, constraint, e);
      case "57P01":
      case "57P02":
      case "57P03":
        return new ConnectionLostException(message, state, constraint, e);
      default:
        if (state.startsWith("08")) {
          return new ConnectionLostException(message, state, constraint, e);
        }
        return new QuarryException(message, state, constraint, e);
    }
  }

  /** Whether a whole transaction may be rerun after this failure: 40001 or 40P01. */
  public static boolean isRetryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String state = c instanceof QuarryException q ? q.sqlState()
          : c instanceof SQLException s ? s.getSQLState() : null;
      if ("40001".equals(state) || "40P01".equals(state)) {
        return true;
      }
    }
    return false;
  }

  private static String message(String method, String sql, String state, String constraint, String text) {
    StringBuilder b = new StringBuilder(method).append(" failed: ").append(redact(state, text));
    b.append(" [SQLSTATE ").append(state);
    if (constraint != null) {
      b.append(", constraint ").append(constraint);
    }
    b.append(']');
    if (sql != null) {
      b.append(" in statement: ").append(sql.replaceAll("\\s+", " ").trim());
    }
    return b.toString();
  }

  /**
   * The server's primary message, which unlike its DETAIL carries no row values, except for
   * data exceptions (class 22) such as {@code invalid input syntax for type integer: "abc"}:
   * those keep only the part before the value.
   */
  private static String redact(String state, String text) {
    if (text == null) {
      return "(no message)";
    }
    if (state != null && state.startsWith("22")) {
      int colon = text.indexOf(": ");
      return colon < 0 ? text : text.substring(0, colon);
    }
    return text;
  }
}
