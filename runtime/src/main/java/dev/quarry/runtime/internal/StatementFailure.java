package dev.quarry.runtime.internal;

import java.sql.SQLException;

/**
 * A failure of one statement among several that a DAO method runs (a bulk write creates a
 * staging table, copies into it, upserts from it), carrying that statement so that the error
 * names it: {@link SqlStates#translate} reports {@link #failure()} with {@link #sql()} instead of
 * the method's main statement. It carries the failure's SQLSTATE, so callers that look at it see
 * no difference; its own message holds no values.
 */
public final class StatementFailure extends SQLException {
  private static final long serialVersionUID = 1L;

  private final String sql;
  private final String note;

  private StatementFailure(String sql, SQLException failure, String note) {
    super("a statement failed: see the cause", failure.getSQLState(), failure.getErrorCode(), failure);
    this.sql = sql;
    this.note = note;
  }

  /** {@code failure} of {@code sql}; a failure already attributed to a statement keeps it. */
  public static StatementFailure of(String sql, SQLException failure) {
    return of(sql, failure, null);
  }

  /**
   * As {@link #of(String, SQLException)}, with a note for the error message that holds no values,
   * such as which row given a COPY line is; {@code null} for none.
   */
  public static StatementFailure of(String sql, SQLException failure, String note) {
    return failure instanceof StatementFailure f ? f : new StatementFailure(sql, failure, note);
  }

  /** What the error message adds after the statement, or {@code null}. */
  public String note() {
    return note;
  }

  /** The statement that failed, as sent. */
  public String sql() {
    return sql;
  }

  /** The driver's exception. */
  public SQLException failure() {
    return (SQLException) getCause();
  }
}
