package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.ConnectionProvider;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.StatementListener;
import dev.quarry.runtime.UniqueViolationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The listener seam: each statement a DAO runs is reported once, with its method, time and outcome. */
class StatementListenerTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  record Event(String method, String sql, long nanos, Throwable failure) {}

  static final List<Event> events = new CopyOnWriteArrayList<>();
  static CounterDao counters;

  @BeforeAll
  static void schema() {
    pg.apply(CounterSchema.statements());
    StatementListener recording = (method, sql) -> (nanos, failure) -> events.add(new Event(method, sql, nanos, failure));
    counters = new CounterDao(Database.of(ConnectionProvider.of(pg.dataSource()), recording));
  }

  @Test
  void reportsEachStatementWithItsMethodDurationAndOutcome() {
    events.clear();
    counters.insert(new Counter("listened", 1));
    counters.findById("listened");
    UniqueViolationException thrown = assertThrows(UniqueViolationException.class,
        () -> counters.insert(new Counter("listened", 2)));

    assertEquals(List.of("CounterDao.insert", "CounterDao.findById", "CounterDao.insert"),
        events.stream().map(Event::method).toList());
    assertEquals(CounterDao.INSERT, events.get(0).sql());
    assertTrue(events.stream().allMatch(e -> e.nanos() > 0), "every run is timed");
    assertNull(events.get(0).failure());
    assertNull(events.get(1).failure());
    assertSame(thrown, events.get(2).failure());
  }

  @Test
  void insideAUnitEveryStatementIsReportedToo() {
    events.clear();
    Database db = Database.of(ConnectionProvider.of(pg.dataSource()),
        (method, sql) -> (nanos, failure) -> events.add(new Event(method, sql, nanos, failure)));
    CounterDao inUnit = new CounterDao(db);
    db.transaction(() -> {
      inUnit.insert(new Counter("unit-a", 1));
      inUnit.insert(new Counter("unit-b", 1));
    });
    assertEquals(2, events.size());
  }

  @Test
  void aFailingListenerNeverHidesTheStatementsFailure() {
    Database db = Database.of(ConnectionProvider.of(pg.dataSource()), (method, sql) -> (nanos, failure) -> {
      throw new IllegalStateException("listener broke");
    });
    CounterDao noisy = new CounterDao(db);
    assertEquals("noisy", noisy.insert(new Counter("noisy", 1)).name(), "a success stays a success");
    UniqueViolationException thrown = assertThrows(UniqueViolationException.class, () -> noisy.insert(new Counter("noisy", 1)));
    assertInstanceOf(IllegalStateException.class, thrown.getSuppressed()[0]);
  }
}
