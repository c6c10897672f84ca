package dev.quarry.runtime;

/** A unique constraint or unique index was violated (SQLSTATE 23505); {@link #constraint()} names it. */
public class UniqueViolationException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public UniqueViolationException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
