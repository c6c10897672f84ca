package dev.quarry.runtime;

/** A foreign key was violated (SQLSTATE 23503): a referenced row is missing, or a referenced row was deleted while rows still point at it. */
public class ForeignKeyViolationException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public ForeignKeyViolationException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
