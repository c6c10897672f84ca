package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A cursor issued by another process with another key (a random one, or a different
 * QUARRY_CURSOR_SECRET): the refusal must say which setting makes cursors travel between
 * instances.
 */
class CursorKeyTest {
  static final String KEYSET = "documents(created_at DESC, id DESC)";

  /** Entry point of the other process: prints one token. */
  public static void main(String[] args) {
    System.out.print(CursorCodec.writer(KEYSET).timestamptz(Instant.EPOCH).int8(7).build().token());
  }

  @Test
  void aTokenFromAnotherProcessNamesTheSecretToShare() throws Exception {
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dquarry.cursor.secret=the other instance's " + System.nanoTime(),
        "-cp", System.getProperty("java.class.path"), CursorKeyTest.class.getName())
        .redirectErrorStream(true).start();
    String token = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, other.waitFor(), token);

    InvalidCursorException e = assertThrows(InvalidCursorException.class,
        () -> CursorCodec.reader(Cursor.parse(token), KEYSET));
    String here = System.getProperty("quarry.cursor.secret", System.getenv("QUARRY_CURSOR_SECRET"));
    assertEquals(CursorCodec.badSignature(here != null && !here.isEmpty()), e.getMessage());
  }

  @Test
  void bothWordingsNameTheSettingAndTheFix() {
    for (boolean configured : new boolean[] {true, false}) {
      String message = CursorCodec.badSignature(configured);
      assertTrue(message.contains("QUARRY_CURSOR_SECRET"), message);
      assertTrue(message.contains("same value on every instance"), message);
    }
  }
}
