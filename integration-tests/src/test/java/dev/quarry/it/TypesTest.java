package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every supported type goes in and comes back out exactly. */
class TypesTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static AllTypesDao dao;
  static KeywordDao keywords;

  @BeforeAll
  static void schema() {
    pg.apply(AllTypesSchema.statements());
    pg.apply(KeywordSchema.statements());
    dao = new AllTypesDao(pg.db());
    keywords = new KeywordDao(pg.db());
  }

  static AllTypes full(long id) {
    return new AllTypes(id, true, (short) -7, Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f, Math.PI,
        new BigDecimal("12345678901234567890.1200"), "tab\t quote' \"dq\" newline\n back\\slash ünï €",
        UUID.randomUUID(), Instant.parse("2026-03-04T05:06:07.123456Z"),
        OffsetDateTime.parse("1999-12-31T23:59:59.999999Z"), LocalDateTime.parse("2000-01-01T00:00:00.000001"),
        LocalDate.parse("0001-01-01"), LocalTime.parse("23:59:59.999999"), new byte[] {0, 1, -1, 127, -128},
        Color.GREEN, "{\"k\": [1, 2.5, null]}",
        false, (short) 1, 2, 3L, -0.5f, 1e300, new BigDecimal("0.000"), "", UUID.randomUUID(),
        Instant.parse("1970-01-01T00:00:00.000001Z"), LocalDate.parse("2026-02-28"), new byte[0], Color.BLUE);
  }

  static AllTypes nulls(long id) {
    AllTypes f = full(id);
    return new AllTypes(id, f.flag(), f.small(), f.number(), f.big(), f.real(), f.precise(), f.amount(), f.text(),
        f.uuid(), f.instant(), f.offsetDateTime(), f.localDateTime(), f.localDate(), f.localTime(), f.bytes(),
        f.color(), f.json(), null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void everyTypeRoundTripsExactly() {
    AllTypes in = full(1);
    AllTypes stored = dao.insert(in);
    AllTypes read = dao.findById(1L).orElseThrow();
    for (AllTypes out : List.of(stored, read)) {
      assertSame(in, out);
    }
  }

  @Test
  void nullsRoundTripAsNulls() {
    AllTypes in = nulls(2);
    AllTypes read = dao.insert(in);
    assertSame(in, read);
    assertNull(read.maybeFlag());
    assertNull(read.maybeBytes());
    assertNull(read.maybeColor());
  }

  @Test
  void bigDecimalKeepsItsScaleAndInstantItsMicroseconds() {
    AllTypes read = dao.insert(full(3));
    assertEquals(4, read.amount().scale());
    assertEquals(3, read.maybeAmount().scale());
    assertEquals(123456000, read.instant().getNano());
  }

  @Test
  void jsonbIsNormalisedByPostgres() {
    AllTypes read = dao.insert(full(4));
    assertEquals("{\"k\": [1, 2.5, null]}", read.json());
    assertEquals("jsonb", pg.value("SELECT pg_typeof(doc)::text FROM all_types WHERE id = 4"));
  }

  @Test
  void reservedWordsAndMixedCaseNamesAreQuotedEverywhere() {
    Keyword k = keywords.insert(new Keyword(1, "sel", "grp"));
    assertEquals(k, keywords.findBySelect("sel").orElseThrow());
    assertEquals(k, keywords.update(new Keyword(1, "sel", "grp")).orElseThrow());
    assertEquals(1, keywords.findByIds(List.of(1L)).size());
    assertEquals(1L, pg.value("SELECT count(\"Mixed Case\") FROM \"user\""));
  }

  /** Every component equal, arrays by content, OffsetDateTime by instant (PostgreSQL keeps no offset). */
  static void assertSame(AllTypes in, AllTypes out) {
    assertEquals(in.id(), out.id());
    assertEquals(in.flag(), out.flag());
    assertEquals(in.small(), out.small());
    assertEquals(in.number(), out.number());
    assertEquals(in.big(), out.big());
    assertEquals(in.real(), out.real());
    assertEquals(in.precise(), out.precise());
    assertEquals(in.amount(), out.amount());
    assertEquals(in.text(), out.text());
    assertEquals(in.uuid(), out.uuid());
    assertEquals(in.instant(), out.instant());
    assertEquals(in.offsetDateTime().toInstant(), out.offsetDateTime().toInstant());
    assertEquals(ZoneOffset.UTC, out.offsetDateTime().getOffset());
    assertEquals(in.localDateTime(), out.localDateTime());
    assertEquals(in.localDate(), out.localDate());
    assertEquals(in.localTime(), out.localTime());
    assertArrayEquals(in.bytes(), out.bytes());
    assertEquals(in.color(), out.color());
    assertEquals(in.json(), out.json());
    assertEquals(in.maybeFlag(), out.maybeFlag());
    assertEquals(in.maybeSmall(), out.maybeSmall());
    assertEquals(in.maybeNumber(), out.maybeNumber());
    assertEquals(in.maybeBig(), out.maybeBig());
    assertEquals(in.maybeReal(), out.maybeReal());
    assertEquals(in.maybePrecise(), out.maybePrecise());
    assertEquals(in.maybeAmount(), out.maybeAmount());
    assertEquals(in.maybeText(), out.maybeText());
    assertEquals(in.maybeUuid(), out.maybeUuid());
    assertEquals(in.maybeInstant(), out.maybeInstant());
    assertEquals(in.maybeLocalDate(), out.maybeLocalDate());
    assertArrayEquals(in.maybeBytes(), out.maybeBytes());
    assertEquals(in.maybeColor(), out.maybeColor());
  }
}
