package dev.quarry.runtime;

/**
 * The role lacks a privilege, or a row-level security policy refused the row (SQLSTATE 42501).
 * Nothing of the statement was written. Not retried.
 */
public class PermissionDeniedException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public PermissionDeniedException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
