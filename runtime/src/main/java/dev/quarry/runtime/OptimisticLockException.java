package dev.quarry.runtime;

/**
 * An update or delete under {@code @Version} found the row, but at another version than the
 * record carried: someone changed it since it was read. Nothing was written. Read the row
 * again, reapply the change, and retry.
 */
public class OptimisticLockException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** @param message which DAO method and row key, without column values */
  public OptimisticLockException(String message) {
    super(message, null, null, null);
  }
}
