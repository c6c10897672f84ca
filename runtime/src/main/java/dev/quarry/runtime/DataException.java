package dev.quarry.runtime;

/**
 * A value does not fit its column or operation (SQLSTATE class 22: too long for
 * {@code varchar(n)}, out of range, invalid input syntax, NUL in text, division by zero).
 * Nothing of the statement was written. The value itself is never part of the message.
 */
public class DataException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public DataException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
