package dev.quarry.runtime.internal;

import java.sql.SQLException;

/**
 * A value Quarry refuses itself, with the SQLSTATE PostgreSQL gives the same fault (class 22,
 * data exception): one read from the database that its Java type cannot hold (an interval with
 * months for a {@code Duration}, a NULL for a primitive or a non-null element type, a document
 * the JSON codec cannot map), or one to be written that PostgreSQL would store differently from
 * what was given (a string longer than its {@code varchar(n)} whose excess is spaces, which
 * PostgreSQL cuts instead of refusing). Quarry writes the message itself and never puts the value
 * in it, so unlike a driver's message it is kept when the failure is translated.
 */
public final class ValueFailure extends SQLException {
  private static final long serialVersionUID = 1L;

  private final boolean abortsUnit;

  /** A failure with SQLSTATE {@code sqlState}, class 22 (data exception), of a value read. */
  public ValueFailure(String message, String sqlState) {
    this(message, sqlState, false);
  }

  private ValueFailure(String message, String sqlState, boolean abortsUnit) {
    super(message, sqlState);
    this.abortsUnit = abortsUnit;
  }

  /**
   * A value refused before it was sent, as PostgreSQL refuses others of its kind: like
   * PostgreSQL's own refusal, it ends a unit of work that catches it (25P02).
   */
  public static ValueFailure refusedWrite(String message, String sqlState) {
    return new ValueFailure(message, sqlState, true);
  }

  /**
   * {@code failure}, from a result of a statement that changes data: the change stays in the
   * transaction although the call failed, so it ends a unit of work that catches it (25P02).
   */
  public static ValueFailure afterChange(ValueFailure failure) {
    if (failure.abortsUnit) {
      return failure;
    }
    ValueFailure f = new ValueFailure(failure.getMessage(), failure.getSQLState(), true);
    f.setStackTrace(failure.getStackTrace());
    return f;
  }

  /** Whether a unit of work that caught this failure must roll back rather than commit. */
  public boolean abortsUnit() {
    return abortsUnit;
  }
}
