package dev.quarry.processor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void snakeCase() {
    assertEquals("created_at", Identifiers.snakeCase("createdAt"));
    assertEquals("url_value", Identifiers.snakeCase("URLValue"));
    assertEquals("owner_id", Identifiers.snakeCase("ownerID"));
    assertEquals("api_key", Identifiers.snakeCase("ApiKey"));
    assertEquals("address2", Identifiers.snakeCase("address2"));
    assertEquals("line2_text", Identifiers.snakeCase("line2Text"));
    assertEquals("already_snake", Identifiers.snakeCase("already_snake"));
  }

  @Test
  void quotesOnlyWhereNeeded() {
    assertEquals("documents", Identifiers.quote("documents"));
    assertEquals("\"user\"", Identifiers.quote("user"));
    assertEquals("\"order\"", Identifiers.quote("order"));
    assertEquals("\"Mixed\"", Identifiers.quote("Mixed"));
    assertEquals("\"a b\"", Identifiers.quote("a b"));
    assertEquals("\"x\"\"y\"", Identifiers.quote("x\"y"));
    assertEquals("\"1st\"", Identifiers.quote("1st"));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("a\0b"));
  }

  @Test
  void longNamesAreShortenedKeepingTheSuffixAndStayDistinct() {
    String base = "t".repeat(40) + "_" + "c".repeat(30);
    String a = Identifiers.name(base + "_one", "idx");
    String b = Identifiers.name(base + "_two", "idx");
    assertTrue(a.endsWith("_idx"));
    assertTrue(a.getBytes(StandardCharsets.UTF_8).length <= 63, a);
    assertNotEquals(a, b);
    assertEquals("short_idx", Identifiers.name("short", "idx"));
  }

  @Test
  void shorteningNeverSplitsAMultiByteCharacter() {
    String name = Identifiers.name("é".repeat(40), "key");
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 63);
    assertTrue(name.endsWith("_key"));
    assertEquals(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), name);
  }

  @Test
  void literalsDoubleTheirQuotes() {
    assertEquals("'it''s'", Identifiers.literal("it's"));
  }
}
