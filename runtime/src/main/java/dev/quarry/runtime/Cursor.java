package dev.quarry.runtime;

import dev.quarry.runtime.internal.CursorCodec;

/**
 * A position in a keyset-paginated list: the sort-key values of one row, bound to the table and
 * order it was issued for, and signed.
 *
 * <p>The token is opaque and URL-safe: base64url of a version, a fingerprint of the table and
 * order, the typed key values, and an HMAC-SHA256 tag (truncated to 128 bits). A token that is
 * malformed, truncated, altered, too long, or issued for another table or order is refused with
 * {@link InvalidCursorException}; it never yields a wrong page or a server error. The tag gives
 * integrity, not secrecy: the key values can be decoded by whoever holds the token, so do not
 * page by secret columns.
 *
 * <p>The signing key comes from the system property {@code quarry.cursor.secret} or the
 * environment variable {@code QUARRY_CURSOR_SECRET}; without either, each process picks a random
 * key, and its cursors do not survive a restart or work on another instance. Set the same secret
 * on every instance of an application.
 */
public final class Cursor {
  /** Longer tokens are refused before any decoding, so a hostile one cannot cost memory. */
  public static final int MAX_TOKEN_LENGTH = CursorCodec.MAX_TOKEN_LENGTH;

  private final String token;

  private Cursor(String token) {
    this.token = token;
  }

  /** The opaque, URL-safe token. */
  public String token() {
    return token;
  }

  /**
   * Reads a token made by {@link #token()}.
   *
   * @throws InvalidCursorException when the token is malformed, altered or too long
   */
  public static Cursor parse(String token) {
    CursorCodec.verify(token);
    return new Cursor(token);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cursor c && c.token.equals(token);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }

  @Override
  public String toString() {
    return "Cursor[" + token + "]";
  }
}
