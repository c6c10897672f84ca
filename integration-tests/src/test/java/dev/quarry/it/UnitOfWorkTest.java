package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.ConnectionProvider;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.TxOptions;
import dev.quarry.runtime.TxOptions.Isolation;
import dev.quarry.runtime.UniqueViolationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A unit of work commits everything or says it did not: a caught statement failure never ends
 * in a silent rollback, and a nested unit is a savepoint whose options cannot contradict the
 * enclosing transaction.
 */
class UnitOfWorkTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static OwnerDao owners;
  static Database db;

  @BeforeAll
  static void schema() {
    pg.apply(OwnerSchema.statements());
    db = pg.db();
    owners = new OwnerDao(db);
    owners.insert(new Owner(null, "taken@unit.test", "first"));
  }

  // --- silent rollback -------------------------------------------------------------------

  /** The repro: the inner unit is a savepoint, so the outer unit's own write commits. */
  @Test
  void aCaughtFailureOfANestedUnitKeepsTheOuterWork() {
    String result = db.transaction(() -> {
      owners.insert(new Owner(null, "o2@unit.test", "o2"));
      try {
        db.transaction(() -> owners.insert(new Owner(null, "taken@unit.test", "dup")));
      } catch (UniqueViolationException expected) {
        // handled
      }
      return "ok";
    });
    assertEquals("ok", result);
    assertTrue(owners.existsByEmail("o2@unit.test"), "the outer unit's write is committed");
    assertEquals(1L, pg.value("SELECT count(*) FROM owners WHERE email = 'taken@unit.test'"));
  }

  /** Without a savepoint the transaction is aborted: the unit rolls back and says so. */
  @Test
  void aCaughtStatementFailureWithoutSavepointThrowsInsteadOfCommittingNothing() {
    QuarryException e = assertThrows(QuarryException.class, () -> db.transaction(() -> {
      owners.insert(new Owner(null, "lost-a@unit.test", "a"));
      try {
        owners.insert(new Owner(null, "taken@unit.test", "dup"));
      } catch (UniqueViolationException swallowed) {
        // the caller thinks it handled this
      }
      return "ok";
    }));
    assertEquals("25P02", e.sqlState());
    assertInstanceOf(UniqueViolationException.class, e.getCause(), "the caught failure is the cause");
    assertFalse(owners.existsByEmail("lost-a@unit.test"));
  }

  /** Raw JDBC that swallows its own SQLException cannot hide the abort either. */
  @Test
  void aFailureSwallowedInsideRawJdbcStillFailsTheUnit() {
    QuarryException e = assertThrows(QuarryException.class, () -> db.transaction(() -> {
      owners.insert(new Owner(null, "lost-b@unit.test", "b"));
      db.withConnection(c -> {
        try (var s = c.createStatement()) {
          s.execute("SELECT 1/0");
        } catch (SQLException swallowed) {
          // raw code that hides a failure
        }
        return null;
      });
    }));
    assertEquals("25P02", e.sqlState());
    assertFalse(owners.existsByEmail("lost-b@unit.test"));
  }

  /** A statement after the caught failure names the first failure instead of a bare 25P02. */
  @Test
  void aStatementAfterACaughtFailureCarriesTheFirstFailure() {
    AtomicBoolean sawSecond = new AtomicBoolean();
    assertThrows(QuarryException.class, () -> db.transaction(() -> {
      try {
        owners.insert(new Owner(null, "taken@unit.test", "dup"));
      } catch (UniqueViolationException swallowed) {
        // go on regardless
      }
      QuarryException second = assertThrows(QuarryException.class, () -> owners.count());
      assertEquals("25P02", second.sqlState());
      assertTrue(Arrays.stream(second.getSuppressed()).anyMatch(UniqueViolationException.class::isInstance),
          "the first failure rides along");
      sawSecond.set(true);
    }));
    assertTrue(sawSecond.get());
  }

  /** A nested unit started in an aborted transaction refuses to run. */
  @Test
  void aNestedUnitInsideAnAbortedUnitRefusesToRun() {
    AtomicBoolean ran = new AtomicBoolean();
    assertThrows(QuarryException.class, () -> db.transaction(() -> {
      try {
        owners.insert(new Owner(null, "taken@unit.test", "dup"));
      } catch (UniqueViolationException swallowed) {
        // go on regardless
      }
      try {
        db.transaction(() -> ran.set(true));
      } catch (QuarryException refused) {
        assertEquals("25P02", refused.sqlState());
      }
    }));
    assertFalse(ran.get());
  }

  // --- nested units are savepoints --------------------------------------------------------

  @Test
  void aNestedUnitThatThrowsAfterAWriteRollsBackOnlyItsOwnWork() {
    IllegalStateException boom = new IllegalStateException("boom");
    db.transaction(() -> {
      owners.insert(new Owner(null, "outer-1@unit.test", "outer"));
      IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.transaction(() -> {
        owners.insert(new Owner(null, "inner-1@unit.test", "inner"));
        throw boom;
      }));
      assertSame(boom, thrown);
      assertFalse(owners.existsByEmail("inner-1@unit.test"), "rolled back at once, inside the outer unit");
      owners.insert(new Owner(null, "outer-2@unit.test", "outer"));
    });
    assertTrue(owners.existsByEmail("outer-1@unit.test"));
    assertTrue(owners.existsByEmail("outer-2@unit.test"));
    assertFalse(owners.existsByEmail("inner-1@unit.test"));
  }

  @Test
  void aNestedUnitCommitsOnlyWithTheOutermostUnit() {
    RuntimeException late = new RuntimeException("late");
    assertSame(late, assertThrows(RuntimeException.class, () -> db.transaction(() -> {
      db.transaction(() -> owners.insert(new Owner(null, "inner-2@unit.test", "inner")));
      throw late;
    })));
    assertFalse(owners.existsByEmail("inner-2@unit.test"));
  }

  @Test
  void aNestedUnitWhoseStatementFailedAndWasCaughtThrowsAndTheOuterGoesOn() {
    db.transaction(() -> {
      owners.insert(new Owner(null, "outer-3@unit.test", "outer"));
      QuarryException e = assertThrows(QuarryException.class, () -> db.transaction(() -> {
        owners.insert(new Owner(null, "inner-3@unit.test", "inner"));
        try {
          owners.insert(new Owner(null, "taken@unit.test", "dup"));
        } catch (UniqueViolationException swallowed) {
          // hidden from the nested unit's caller
        }
      }));
      assertEquals("25P02", e.sqlState());
      owners.insert(new Owner(null, "outer-4@unit.test", "outer"));
    });
    assertTrue(owners.existsByEmail("outer-3@unit.test"));
    assertTrue(owners.existsByEmail("outer-4@unit.test"));
    assertFalse(owners.existsByEmail("inner-3@unit.test"));
  }

  @Test
  void unitsNestThreeDeep() {
    db.transaction(() -> {
      owners.insert(new Owner(null, "d1@unit.test", "1"));
      db.transaction(() -> {
        owners.insert(new Owner(null, "d2@unit.test", "2"));
        assertThrows(UniqueViolationException.class, () -> db.transaction(() -> {
          owners.insert(new Owner(null, "d3@unit.test", "3"));
          owners.insert(new Owner(null, "taken@unit.test", "dup"));
        }));
      });
    });
    assertTrue(owners.existsByEmail("d1@unit.test"));
    assertTrue(owners.existsByEmail("d2@unit.test"));
    assertFalse(owners.existsByEmail("d3@unit.test"));
  }

  // --- nested options ---------------------------------------------------------------------

  /** The second repro: SERIALIZABLE + read-only inside READ COMMITTED is refused, not ignored. */
  @Test
  void contradictingIsolationAndReadOnlyAreRefusedBeforeTheWorkRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    db.transaction(TxOptions.defaults().isolation(Isolation.READ_COMMITTED), () -> {
      owners.insert(new Owner(null, "opt-1@unit.test", "outer"));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.transaction(
          TxOptions.defaults().isolation(Isolation.SERIALIZABLE).readOnly(true), () -> ran.set(true)));
      assertTrue(e.getMessage().contains("SERIALIZABLE"), e.getMessage());
      assertThrows(IllegalStateException.class,
          () -> db.transaction(TxOptions.defaults().readOnly(true), () -> ran.set(true)));
    });
    assertFalse(ran.get());
    assertTrue(owners.existsByEmail("opt-1@unit.test"), "a refused nested unit that is caught leaves the outer intact");
  }

  @Test
  void contradictingOptionsAreRefusedAgainstTheServersDefaultIsolationToo() {
    assertThrows(IllegalStateException.class, () -> db.transaction(
        () -> db.transaction(TxOptions.defaults().isolation(Isolation.REPEATABLE_READ), () -> { })));
    assertThrows(IllegalStateException.class, () -> db.transaction(TxOptions.defaults().readOnly(true),
        () -> db.transaction(TxOptions.defaults().readOnly(false), () -> { })));
    assertThrows(IllegalStateException.class, () -> db.transaction(
        () -> db.transaction(TxOptions.defaults().retries(3), () -> { })));
  }

  @Test
  void agreeingOptionsAreAccepted() {
    long n = db.transaction(TxOptions.defaults().isolation(Isolation.SERIALIZABLE).readOnly(true),
        () -> db.transaction(TxOptions.defaults().isolation(Isolation.SERIALIZABLE).readOnly(true), () -> owners.count()));
    assertTrue(n >= 1);
    db.transaction(() -> db.transaction(TxOptions.defaults().isolation(Isolation.READ_COMMITTED).readOnly(false),
        () -> owners.insert(new Owner(null, "opt-2@unit.test", "rc"))));
    assertTrue(owners.existsByEmail("opt-2@unit.test"));
  }

  // --- nested in a transaction an outer manager owns --------------------------------------

  /** An outer owner (as Spring lends it): one connection, auto-commit off, bound to the thread. */
  static final class Outer implements ConnectionProvider {
    final Connection bound;
    final AtomicInteger marked = new AtomicInteger();

    Outer() throws SQLException {
      bound = pg.dataSource().getConnection();
      bound.setAutoCommit(false);
    }

    @Override
    public DataSource dataSource() {
      return pg.dataSource();
    }

    @Override
    public Connection acquire() {
      return bound;
    }

    @Override
    public void markRollbackOnly(Connection connection) {
      marked.incrementAndGet();
    }

    @Override
    public void release(Connection connection) {
      // the owner keeps it
    }
  }

  @Test
  void aUnitInsideAnOuterOwnersTransactionIsASavepoint() throws SQLException {
    Outer outer = new Outer();
    try (Connection c = outer.bound) {
      Database managed = Database.of(outer);
      OwnerDao inOuter = new OwnerDao(managed);
      inOuter.insert(new Owner(null, "spring-1@unit.test", "outer"));
      assertThrows(UniqueViolationException.class, () -> managed.transaction(() -> {
        inOuter.insert(new Owner(null, "spring-2@unit.test", "inner"));
        inOuter.insert(new Owner(null, "taken@unit.test", "dup"));
      }));
      assertEquals(0, outer.marked.get(), "rolled back to its savepoint: the owner's transaction is intact");
      managed.transaction(() -> inOuter.insert(new Owner(null, "spring-3@unit.test", "inner")));
      assertThrows(IllegalStateException.class, () -> managed.transaction(
          TxOptions.defaults().isolation(Isolation.SERIALIZABLE), () -> { }));
      c.commit();
      c.setAutoCommit(true);
    }
    assertTrue(owners.existsByEmail("spring-1@unit.test"));
    assertFalse(owners.existsByEmail("spring-2@unit.test"));
    assertTrue(owners.existsByEmail("spring-3@unit.test"));
  }

  @Test
  void aUnitThatSwallowedAFailureInsideAnOuterOwnersTransactionThrowsAndLeavesItUsable() throws SQLException {
    Outer outer = new Outer();
    try (Connection c = outer.bound) {
      Database managed = Database.of(outer);
      OwnerDao inOuter = new OwnerDao(managed);
      QuarryException e = assertThrows(QuarryException.class, () -> managed.transaction(() -> {
        try {
          inOuter.insert(new Owner(null, "taken@unit.test", "dup"));
        } catch (UniqueViolationException swallowed) {
          // hidden
        }
      }));
      assertEquals("25P02", e.sqlState());
      inOuter.insert(new Owner(null, "spring-4@unit.test", "after"));
      c.commit();
      c.setAutoCommit(true);
    }
    assertTrue(owners.existsByEmail("spring-4@unit.test"));
  }

  @Test
  void theThreadIsOutOfTheUnitAfterEveryEnding() {
    assertThrows(QuarryException.class, () -> db.transaction(() -> {
      try {
        owners.insert(new Owner(null, "taken@unit.test", "dup"));
      } catch (UniqueViolationException swallowed) {
        // aborted
      }
    }));
    assertFalse(db.inTransaction());
    owners.insert(new Owner(null, "after@unit.test", "after"));
    assertTrue(owners.existsByEmail("after@unit.test"), "auto-commit works after a failed unit");
  }
}
