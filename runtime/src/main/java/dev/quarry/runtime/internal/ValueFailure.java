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

  /** A failure with SQLSTATE {@code sqlState}, class 22 (data exception). */
  public ValueFailure(String message, String sqlState) {
    super(message, sqlState);
  }
}
