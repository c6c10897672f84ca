package dev.quarry.runtime;

/** The connection failed or the server went away (SQLSTATE class 08, 57P01, 57P02, 57P03). Work that was not committed is lost; whether an interrupted COMMIT took effect is unknown. */
public class ConnectionLostException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public ConnectionLostException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
