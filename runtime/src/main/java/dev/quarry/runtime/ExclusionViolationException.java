package dev.quarry.runtime;

/** An exclusion constraint was violated (SQLSTATE 23P01); {@link #constraint()} names it. */
public class ExclusionViolationException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public ExclusionViolationException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
