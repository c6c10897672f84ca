package dev.quarry.runtime;

/** A CHECK constraint was violated (SQLSTATE 23514); {@link #constraint()} names it. */
public class CheckViolationException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public CheckViolationException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
