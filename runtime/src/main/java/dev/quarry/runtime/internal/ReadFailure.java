package dev.quarry.runtime.internal;

import java.sql.SQLException;

/**
 * A value read from the database that its Java type cannot hold (an interval with months for a
 * {@code Duration}, a NULL element for a non-null element type, a document the JSON codec cannot
 * map). Quarry writes the message itself and never puts the value in it, so unlike a driver's
 * message it is kept when the failure is translated.
 */
public final class ReadFailure extends SQLException {
  private static final long serialVersionUID = 1L;

  /** A failure with SQLSTATE {@code sqlState}, class 22 (data exception). */
  public ReadFailure(String message, String sqlState) {
    super(message, sqlState);
  }
}
