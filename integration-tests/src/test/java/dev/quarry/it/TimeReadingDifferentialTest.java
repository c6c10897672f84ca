package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.internal.Reads;
import dev.quarry.runtime.internal.Values;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates and date-times read the same whether pgjdbc receives them as text (the first executions
 * of a statement, simple query mode, {@code binaryTransfer=false}) or in binary, and are the
 * values written: every February 29 of a BC leap year among them, which pgjdbc's own text
 * reading cannot make, and a session time zone whose historic offsets have seconds.
 */
class TimeReadingDifferentialTest {
  static final LocalDate FIRST = LocalDate.of(-4713, 11, 24);
  static final LocalDate LAST = LocalDate.of(294276, 12, 31);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prepareThreshold=0", "preferQueryMode=simple", "binaryTransfer=false", "prepareThreshold=-1"})
  void everyDateReadsAsWritten(String setting) throws SQLException {
    Properties p = new Properties();
    p.setProperty(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
    List<LocalDateTime> times = times(new Random(29L));
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(TestPostgres.url(), p)) {
      try (Statement s = c.createStatement()) {
        s.execute("SET TimeZone = 'America/Sao_Paulo'"); // -03:06:28 before 1914
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT CAST(CAST(? AS text) AS date),"
          + " CAST(CAST(? AS text) AS timestamp), CAST(CAST(? AS text) AS timestamptz), CAST(CAST(? AS text) AS timestamp)")) {
        for (LocalDateTime t : times) {
          ps.setString(1, Values.dateText(t.toLocalDate()));
          ps.setString(2, Values.localDateTimeText(t));
          ps.setString(3, Values.timestamptzText(t.toInstant(ZoneOffset.UTC)));
          ps.setString(4, Values.localDateTimeText(t)); // a timestamp read as an instant: taken as UTC
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            String got = Reads.getLocalDate(rs, 1) + " / " + Reads.getLocalDateTime(rs, 2) + " / " + Reads.getInstant(rs, 3)
                + " / " + Reads.getOffsetDateTime(rs, 3) + " / " + Reads.getInstant(rs, 4);
            String expected = t.toLocalDate() + " / " + t + " / " + t.toInstant(ZoneOffset.UTC) + " / "
                + t.atOffset(ZoneOffset.UTC) + " / " + t.toInstant(ZoneOffset.UTC);
            if (!got.equals(expected)) {
              problems.add("wrote " + expected + ", read " + got + " (text " + rs.getString(3) + ")");
            }
          } catch (RuntimeException e) {
            problems.add("wrote " + t + ": " + e);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> problems.size() + " of " + times.size() + " differ with " + setting + ":\n"
        + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
  }

  /** Every BC leap day from 4713 BC to 1 BC, PostgreSQL's first and last days, then random date-times. */
  private static List<LocalDateTime> times(Random random) {
    List<LocalDateTime> times = new ArrayList<>();
    for (int year = -4712; year <= 0; year += 4) {
      if (!Year.isLeap(year)) {
        continue; // proleptic Gregorian, as PostgreSQL's: 4701 BC (ISO -4700) has no February 29
      }
      times.add(LocalDate.of(year, 2, 29).atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60),
          random.nextInt(1_000_000) * 1000));
    }
    times.add(FIRST.atStartOfDay());
    times.add(LAST.atTime(23, 59, 59, 999_999_000));
    long first = FIRST.toEpochDay();
    long last = LAST.toEpochDay();
    for (int i = 0; i < 1000; i++) {
      LocalDate day = LocalDate.ofEpochDay(first + (long) (random.nextDouble() * (last - first)));
      times.add(day.atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000));
    }
    return times;
  }
}
