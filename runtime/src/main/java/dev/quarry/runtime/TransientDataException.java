package dev.quarry.runtime;

/** A failure that may succeed when the whole transaction is run again: serialization failure (40001), deadlock (40P01) or lock timeout (55P03). See {@link TxOptions#retries(int)}. */
public class TransientDataException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public TransientDataException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
