package dev.quarry.runtime;

/**
 * The server ran short of a resource (SQLSTATE class 53: too many connections, out of memory,
 * disk full, configuration limit). Not retried automatically; trying again after a pause may
 * succeed once the pressure is gone.
 */
public class ResourceExhaustedException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public ResourceExhaustedException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
