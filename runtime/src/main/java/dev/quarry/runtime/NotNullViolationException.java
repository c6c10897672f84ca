package dev.quarry.runtime;

/** A NOT NULL column was given {@code null} (SQLSTATE 23502). */
public class NotNullViolationException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public NotNullViolationException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
