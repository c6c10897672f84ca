package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.QuarryException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream<R>: rows through a server-side cursor, the stream owning its connection and transaction.
 * {@link StreamMillionTest} reads a million rows in a 64 MB heap.
 */
class StreamTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();
  static final int ROWS = 10_000;

  static TickDao ticks;

  @BeforeAll
  static void seed() {
    pg.apply(TickSchema.statements());
    pg.sql("INSERT INTO ticks SELECT g, 'tick ' || g FROM generate_series(1, " + ROWS + ") g");
    ticks = new TickDao(pg.db());
  }

  @Test
  void closingEarlyReturnsTheConnection() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.url());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(2000);
    try (HikariDataSource one = new HikariDataSource(config)) {
      TickDao dao = new TickDao(Database.of(one));
      for (int i = 0; i < 5; i++) {
        try (Stream<Tick> s = dao.streamFrom(0)) {
          assertEquals(List.of(1L, 2L, 3L), s.limit(3).map(Tick::id).toList());
        }
      }
      assertEquals(3, dao.streamFrom(ROWS - 2).count(), "read to the end, the stream closes itself");
      assertEquals(1, dao.listFrom(ROWS).size(), "and the one connection is free again");
    }
  }

  @Test
  void insideATransactionTheStreamSeesTheUnitsWork() {
    long seen = pg.db().transaction(() -> {
      pg.db().withConnection(c -> c.createStatement().executeUpdate("INSERT INTO ticks VALUES (" + (ROWS + 1) + ", 'x')"));
      try (Stream<Tick> s = ticks.streamFrom(ROWS)) {
        return s.count();
      } finally {
        pg.db().withConnection(c -> c.createStatement().executeUpdate("DELETE FROM ticks WHERE id > " + ROWS));
      }
    });
    assertEquals(2, seen);
  }

  @Test
  void aStreamedDataChangeCommitsOnlyWhenReadToTheEnd() {
    pg.sql("INSERT INTO ticks SELECT g, 'extra' FROM generate_series(" + (ROWS + 10) + ", " + (ROWS + 19) + ") g");
    try (Stream<Tick> s = ticks.deleteFrom(ROWS + 10)) {
      assertEquals(2, s.limit(2).count());
    }
    assertEquals(10L, pg.value("SELECT count(*) FROM ticks WHERE id >= " + (ROWS + 10)), "closed early: rolled back");
    try (Stream<Tick> s = ticks.deleteFrom(ROWS + 10)) {
      assertEquals(10, s.count());
    }
    assertEquals(0L, pg.value("SELECT count(*) FROM ticks WHERE id >= " + (ROWS + 10)), "read to the end: committed");
  }

  @Test
  void aFailureInALaterFetchSurfacesAsQuarryExceptionAndFreesTheConnection() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.url());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(2000);
    try (HikariDataSource one = new HikariDataSource(config)) {
      TickDao dao = new TickDao(Database.of(one));
      int[] read = {0};
      QuarryException e = assertThrows(QuarryException.class, () -> {
        try (Stream<Tick> s = dao.failingAt(ROWS / 2)) {
          s.forEach(t -> read[0]++);
        }
      });
      assertEquals("22012", e.sqlState());
      assertTrue(e.getMessage().startsWith("TickDao.failingAt "), e.getMessage());
      assertTrue(read[0] > 0 && read[0] < ROWS / 2, "rows arrived before the failing fetch: " + read[0]);
      assertEquals(1, dao.listFrom(ROWS).size(), "the connection went back to the pool");
    }
  }
}
