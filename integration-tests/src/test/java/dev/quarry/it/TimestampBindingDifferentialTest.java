package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.internal.Binds;
import dev.quarry.runtime.internal.Values;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps are bound in PostgreSQL's binary form where the connection sends binary, and as
 * text where it does not. Whatever the driver settings, the value PostgreSQL receives must be
 * the one the text form gives it: each value is bound both ways in one statement, the binary
 * way through {@link Binds} and the text way as PostgreSQL's own text of the value, and the
 * server compares them. Edge values (PostgreSQL's first and last microsecond, BC, infinity,
 * rounding ties, the epochs of Unix and of PostgreSQL) and random ones over the whole range.
 */
class TimestampBindingDifferentialTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();
  static final AtomicLong ids = new AtomicLong();

  @BeforeAll
  static void schema() {
    pg.apply(AllTypesSchema.statements());
  }

  static final LocalDateTime FIRST = LocalDateTime.of(-4713, 11, 24, 0, 0);
  static final LocalDateTime LAST = LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000);
  static final int RANDOM = 3000;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"driver defaults", "prepareThreshold=-1", "prepareThreshold=1", "binaryTransfer=false",
      "preferQueryMode=simple", "preferQueryMode=extendedForPrepared"})
  void everyTimestampArrivesAsItsTextWouldArrive(String settings) throws SQLException {
    Properties p = new Properties();
    for (String setting : settings.split("&")) {
      if (setting.contains("=")) {
        p.setProperty(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
      }
    }
    List<LocalDateTime> times = times(new Random(20261201L ^ settings.hashCode()));
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(TestPostgres.url(), p)) {
      try (Statement s = c.createStatement()) {
        // A zone far from UTC, so that a timestamptz bound as a wall-clock time would show.
        s.execute("SET TimeZone = 'Pacific/Kiritimati'");
      }
      String sql = "SELECT CAST(? AS timestamptz) IS NOT DISTINCT FROM CAST(CAST(? AS text) AS timestamptz),"
          + " CAST(? AS timestamptz) IS NOT DISTINCT FROM CAST(CAST(? AS text) AS timestamptz),"
          + " CAST(? AS timestamp) IS NOT DISTINCT FROM CAST(CAST(? AS text) AS timestamp),"
          + " CAST(? AS timestamptz)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (LocalDateTime t : times) {
          Instant instant = t.toInstant(ZoneOffset.UTC);
          OffsetDateTime offset = OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(t.getSecond() % 2 == 0 ? -11 : 13));
          if (!offset.toInstant().equals(instant)) {
            offset = instant.atOffset(ZoneOffset.UTC);
          }
          Binds.setInstant(ps, 1, instant, "at");
          ps.setString(2, Values.timestamptzText(Values.instant(instant, "at")));
          Binds.setOffsetDateTime(ps, 3, offset, "at");
          ps.setString(4, Values.offsetDateTimeText(Values.offsetDateTime(offset, "at")));
          Binds.setLocalDateTime(ps, 5, t, "at");
          ps.setString(6, Values.localDateTimeText(Values.localDateTime(t, "at")));
          Binds.setInstant(ps, 7, instant, "at");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1) || !rs.getBoolean(2) || !rs.getBoolean(3)) {
              problems.add(t + ": Instant " + rs.getBoolean(1) + ", OffsetDateTime " + rs.getBoolean(2)
                  + ", LocalDateTime " + rs.getBoolean(3) + " (server read " + rs.getString(4) + ")");
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> problems.size() + " of " + times.size() + " differ with '" + settings
        + "':\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"driver defaults", "binaryTransfer=false"})
  void infinityAndTheLastMicrosecondsRoundTrip(String settings) throws SQLException {
    Properties p = new Properties();
    if (settings.contains("=")) {
      p.setProperty("binaryTransfer", "false");
    }
    try (Connection c = DriverManager.getConnection(TestPostgres.url(), p);
        PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text)")) {
      try (Statement s = c.createStatement()) {
        s.execute("SET TimeZone = 'UTC'");
      }
      for (int round = 0; round < 7; round++) { // past pgjdbc's prepareThreshold, so both forms run
        Binds.setInstant(ps, 1, Instant.MAX, "at");
        Binds.setInstant(ps, 2, Instant.MIN, "at");
        // 999,999,500 ns rounds up into the next second; 1,500 ns of the first second rounds to 2 µs.
        Binds.setInstant(ps, 3, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_500).toInstant(ZoneOffset.UTC), "at");
        Binds.setLocalDateTime(ps, 4, FIRST.plusNanos(1_500), "at");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertEquals("infinity", rs.getString(1));
          assertEquals("-infinity", rs.getString(2));
          assertEquals("2000-01-01 00:00:00+00", rs.getString(3));
          assertEquals("4714-11-24 00:00:00.000002 BC", rs.getString(4));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reWriteBatchedInserts=false", "reWriteBatchedInserts=true"})
  void batchesCarryTheSameValues(String settings) throws SQLException {
    Properties p = new Properties();
    p.setProperty("reWriteBatchedInserts", settings.substring(settings.indexOf('=') + 1));
    List<LocalDateTime> times = times(new Random(20261202L));
    try (Connection c = DriverManager.getConnection(TestPostgres.url(), p)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMPORARY TABLE bound (binary_tz timestamptz, text_tz timestamptz, binary_ts timestamp, text_ts timestamp)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bound VALUES (?, CAST(CAST(? AS text) AS timestamptz), ?,"
          + " CAST(CAST(? AS text) AS timestamp))")) {
        for (LocalDateTime t : times) {
          Instant instant = t.toInstant(ZoneOffset.UTC);
          Binds.setInstant(ps, 1, instant, "at");
          ps.setString(2, Values.timestamptzText(Values.instant(instant, "at")));
          Binds.setLocalDateTime(ps, 3, t, "at");
          ps.setString(4, Values.localDateTimeText(Values.localDateTime(t, "at")));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE binary_tz IS DISTINCT FROM text_tz"
              + " OR binary_ts IS DISTINCT FROM text_ts) FROM bound")) {
        rs.next();
        assertEquals(times.size(), rs.getInt(1));
        assertEquals(0, rs.getInt(2), "rows whose binary and text values differ");
      }
    }
  }

  /**
   * Pools and tracing tools wrap connections and statements (HikariCP, DBCP, p6spy); a wrapper
   * that cannot be unwrapped to pgjdbc's connection gets text, which every wrapper passes on.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"unwrap throws UnsupportedOperationException", "unwrap is missing (AbstractMethodError)",
      "unwrap throws SQLException", "the statement has no connection"})
  void wrappersThatCannotBeUnwrappedGetText(String wrapper) {
    AllTypesDao dao = new AllTypesDao(Database.of(wrapping(pg.dataSource(), wrapper)));
    long id = ids.incrementAndGet();
    AllTypes row = TypesTest.full(id);
    AllTypes stored = dao.insert(row);
    assertEquals(row.instant(), stored.instant());
    assertEquals(row.offsetDateTime().toInstant(), stored.offsetDateTime().toInstant());
    assertEquals(row.localDateTime(), stored.localDateTime());
    assertEquals(stored.instant(), dao.findById(id).orElseThrow().instant());
  }

  /** Connections, and the statements they prepare, behind proxies whose {@code unwrap} fails as {@code how} says. */
  private static DataSource wrapping(DataSource target, String how) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (ds, dm, dargs) -> {
          Object c = call(target, dm, dargs);
          if (!(c instanceof Connection connection)) {
            return c;
          }
          return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
              (proxy, m, args) -> {
                if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
                  throw how.contains("Unsupported") ? new UnsupportedOperationException("no unwrap")
                      : how.contains("missing") ? new AbstractMethodError("unwrap") : new SQLException("no unwrap");
                }
                Object r = call(connection, m, args);
                if (!(r instanceof PreparedStatement ps)) {
                  return r;
                }
                return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (sp, sm, sargs) -> sm.getName().equals("getConnection")
                        ? (how.contains("no connection") ? null : proxy) : call(ps, sm, sargs));
              });
        });
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Edge values, then random ones from PostgreSQL's first to its last microsecond, with nanoseconds. */
  private static List<LocalDateTime> times(Random random) {
    List<LocalDateTime> times = new ArrayList<>(List.of(FIRST, LAST, FIRST.plusNanos(499), LAST.minusNanos(501),
        LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999),
        LocalDateTime.of(2000, 1, 1, 0, 0, 0, 500), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500),
        LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(1, 1, 1, 0, 0).minusNanos(1), LocalDateTime.of(-44, 3, 15, 12, 0, 0, 1_500)));
    long first = FIRST.toEpochSecond(ZoneOffset.UTC);
    long last = LAST.toEpochSecond(ZoneOffset.UTC);
    for (int i = 0; i < RANDOM; i++) {
      long second = first + (long) (random.nextDouble() * (last - first));
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000_000) * 1000;
        case 2 -> random.nextInt(1_000_000) * 1000 + 500; // a tie
        default -> random.nextInt(1_000_000_000);
      };
      LocalDateTime t = LocalDateTime.ofEpochSecond(second, nanos, ZoneOffset.UTC);
      times.add(t.isAfter(LAST) ? LAST : t);
    }
    return times;
  }
}
