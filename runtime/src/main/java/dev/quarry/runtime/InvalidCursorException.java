package dev.quarry.runtime;

/**
 * A cursor token that is malformed, truncated, altered, or was issued for another table or
 * order. Treat it as a bad request: never as "start from the first page".
 */
public class InvalidCursorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong with the token, without its contents */
  public InvalidCursorException(String message) {
    super(message);
  }
}
