package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.UniqueViolationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** insertAll through binary COPY, insertAllReturning through unnest: every type, every trap. */
class BulkTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static AllTypesDao allTypes;
  static LogLineDao logLines;
  static MemberDao members;
  static ApiKeyDao apiKeys;
  static HostDao hosts;

  @BeforeAll
  static void schema() {
    pg.apply(AllTypesSchema.statements());
    pg.apply(LogLineSchema.statements());
    pg.apply(MemberSchema.statements());
    pg.apply(ApiKeySchema.statements());
    pg.apply(HostSchema.statements());
    allTypes = new AllTypesDao(pg.db());
    logLines = new LogLineDao(pg.db());
    members = new MemberDao(pg.db());
    apiKeys = new ApiKeyDao(pg.db());
    hosts = new HostDao(pg.db());
  }

  @Test
  void everyTypeSurvivesBinaryCopy() {
    AllTypes full = TypesTest.full(100);
    AllTypes nulls = TypesTest.nulls(101);
    AllTypes edge = new AllTypes(102, false, Short.MIN_VALUE, 0, Long.MIN_VALUE, Float.NaN, Double.NEGATIVE_INFINITY,
        new BigDecimal("-0.00010000"), "", new UUID(0, 0), Instant.parse("1900-01-01T00:00:00.000001Z"),
        full.offsetDateTime(), java.time.LocalDateTime.parse("2262-04-11T23:47:16.854775"),
        java.time.LocalDate.parse("1999-12-31"), java.time.LocalTime.MIDNIGHT, new byte[0], Color.RED, "[]",
        true, (short) 0, 0, 0L, 0f, 0d, new BigDecimal("123456789012345678901234567890"), "x", new UUID(-1, -1),
        Instant.EPOCH, java.time.LocalDate.EPOCH, new byte[] {9}, Color.RED);
    assertEquals(3, allTypes.insertAll(List.of(full, nulls, edge)));
    for (AllTypes in : List.of(full, nulls, edge)) {
      TypesTest.assertSame(in, allTypes.findById(in.id()).orElseThrow());
    }
  }

  @Test
  void numericEncodingMatchesPostgresForManyValues() {
    Random random = new Random(42);
    List<AllTypes> rows = new ArrayList<>();
    List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.0"), new BigDecimal("1E+7"),
        new BigDecimal("-1"), new BigDecimal("10000"), new BigDecimal("0.0001"), new BigDecimal("99999999.99999999")));
    for (int i = 0; i < 300; i++) {
      values.add(new BigDecimal(new java.math.BigInteger(random.nextInt(120) + 1, random), random.nextInt(30) - 5)
          .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate()));
    }
    for (int i = 0; i < values.size(); i++) {
      AllTypes t = TypesTest.nulls(1000 + i);
      rows.add(new AllTypes(t.id(), t.flag(), t.small(), t.number(), t.big(), t.real(), t.precise(), values.get(i),
          t.text(), t.uuid(), t.instant(), t.offsetDateTime(), t.localDateTime(), t.localDate(), t.localTime(), t.bytes(),
          t.color(), t.json(), null, null, null, null, null, null, null, null, null, null, null, null, null));
    }
    allTypes.insertAll(rows);
    for (int i = 0; i < values.size(); i++) {
      BigDecimal expected = values.get(i).scale() < 0 ? values.get(i).setScale(0) : values.get(i);
      assertEquals(expected, allTypes.findById(1000L + i).orElseThrow().amount(), "value " + values.get(i));
    }
  }

  @Test
  void aHundredThousandRowsWithTabsQuotesNewlinesNullsAndMicroseconds() {
    int n = 100_000;
    List<LogLine> rows = new ArrayList<>(n);
    Instant base = Instant.parse("2026-05-01T10:00:00Z");
    for (int i = 0; i < n; i++) {
      String nasty = "line " + i + "\twith tab, 'single' \"double\" \\back\\slash\nnewline\r\n ünï€ 🐘";
      rows.add(new LogLine(i, nasty, i % 3 == 0 ? null : "detail\t" + i, base.plusNanos(i * 1_001_000L),
          i % 5 == 0 ? null : (long) i * 31, i % 7 == 0 ? null : new BigDecimal(i).movePointLeft(3)));
    }
    assertEquals(n, logLines.insertAll(rows));
    List<LogLine> back = pg.db().withConnection(c -> {
      List<LogLine> out = new ArrayList<>(n);
      try (var s = c.createStatement(); var rs = s.executeQuery(
          "SELECT id, message, detail, at, value, amount FROM log_lines ORDER BY id")) {
        while (rs.next()) {
          out.add(new LogLine(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), (Long) rs.getObject(5), rs.getBigDecimal(6)));
        }
      }
      return out;
    });
    assertEquals(rows, back);
  }

  @Test
  void oneBadRowLeavesZeroRows() {
    List<LogLine> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(new LogLine(500_000 + i, i == 700 ? null : "ok", null, Instant.now(), null, null));
    }
    NotNullViolationException e = assertThrows(NotNullViolationException.class, () -> logLines.insertAll(rows));
    assertTrue(e.getMessage().contains("LogLineDao.insertAll"), e.getMessage());
    assertEquals(0L, pg.value("SELECT count(*) FROM log_lines WHERE id >= 500000"));

    List<LogLine> duplicates = List.of(new LogLine(600_000, "a", null, Instant.now(), null, null),
        new LogLine(600_000, "b", null, Instant.now(), null, null));
    assertThrows(UniqueViolationException.class, () -> logLines.insertAll(duplicates));
    assertEquals(0L, pg.value("SELECT count(*) FROM log_lines WHERE id >= 600000"));
  }

  @Test
  void aFailingBulkLoadRollsBackTheWholeTransactionAroundIt() {
    assertThrows(NotNullViolationException.class, () -> pg.db().transaction(() -> {
      logLines.insert(new LogLine(700_000, "before", null, Instant.now(), null, null));
      logLines.insertAll(List.of(new LogLine(700_001, null, null, Instant.now(), null, null)));
    }));
    assertEquals(0L, pg.value("SELECT count(*) FROM log_lines WHERE id >= 700000"));
  }

  @Test
  void generatedKeysAreFilledInForBulkRows() {
    List<Member> rows = List.of(new Member(null, "b1@x", "B1", null, null, null),
        new Member(5_000L, "b2@x", "B2", null, null, null), new Member(null, "b3@x", "B3", null, null, null));
    assertEquals(3, members.insertAll(rows));
    Member b1 = members.findByEmail("b1@x").orElseThrow();
    assertNotNull(b1.createdAt(), "timestamps default to now() under COPY too");
    assertEquals(5_000L, members.findByEmail("b2@x").orElseThrow().id());
    assertEquals(3, apiKeys.insertAll(List.of(new ApiKey(null, "k1", Instant.now()), new ApiKey(null, "k2", Instant.now()),
        new ApiKey(UUID.randomUUID(), "k3", Instant.now()))));
    assertEquals(2L, pg.value("SELECT count(*) FROM api_keys WHERE label IN ('k1', 'k2') AND id::text LIKE '________-____-7%'"));
  }

  @Test
  void insertAllReturningGivesStoredRowsInInputOrder() {
    List<Member> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(new Member(i % 10 == 0 ? 90_000L + i : null, "ret" + (999 - i) + "@x", "R" + i, null, null, null));
    }
    List<Member> stored = members.insertAllReturning(rows);
    assertEquals(rows.stream().map(Member::email).toList(), stored.stream().map(Member::email).toList());
    assertTrue(stored.stream().allMatch(m -> m.id() != null && m.createdAt() != null));
    assertEquals(90_000L, stored.get(0).id());
  }

  @Test
  void typesWithoutABinaryEncoderAreStagedAsTextAndCast() {
    assertEquals(2, hosts.insertAll(List.of(new Host(null, "10.0.0.1", "alpha"), new Host(null, "::1", "beta"))));
    List<Host> returned = hosts.insertAllReturning(List.of(new Host(null, "192.168.1.0/24", "gamma")));
    assertEquals("192.168.1.0/24", returned.get(0).address());
    Map<String, String> byName = pg.db().withConnection(c -> {
      Map<String, String> m = new java.util.HashMap<>();
      try (var rs = c.createStatement().executeQuery("SELECT name, host(address) || '/' || family(address) FROM hosts")) {
        while (rs.next()) {
          m.put(rs.getString(1), rs.getString(2));
        }
      }
      return m;
    });
    assertEquals(Map.of("alpha", "10.0.0.1/4", "beta", "::1/6", "gamma", "192.168.1.0/4"), byName);
    Host alpha = hosts.findByIds(List.of(1L)).values().iterator().next();
    assertEquals(2, hosts.upsertAll(List.of(new Host(alpha.id(), "10.0.0.2", "alpha"), new Host(null, "10.9.9.9", "delta"))));
    assertEquals("10.0.0.2", hosts.findById(alpha.id()).orElseThrow().address());
    assertThrows(dev.quarry.runtime.QuarryException.class, () -> hosts.insertAll(List.of(new Host(null, "not an ip", "bad"))));
    assertEquals(4L, hosts.count());
  }
}
