package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quarry.runtime.Database;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upserts racing other units over the same key, single-row and bulk. The upsert is parked,
 * deterministically, behind the other unit: the test waits until PostgreSQL reports it waiting
 * on a lock, then lets the other unit commit or roll back.
 *
 * <p>Matrix row 31: a soft delete or restore races an upsert by the same unique key (the
 * {@code insert-conflict-do-update-3} interleaving). The conflict target
 * {@code ON CONFLICT (email) WHERE deleted_at IS NULL} is judged on the row as the other unit
 * left it. A soft delete that commits first makes the upsert insert a new live row and leaves the
 * deleted one deleted, with its old name; a restore that commits first makes the upsert update
 * the restored row. Never a resurrected row, never two live rows for one e-mail, never a lost
 * write.
 *
 * <p>Bulk upserts run {@code MERGE}, which does not wait for a key another unit inserts after it
 * started, as {@code ON CONFLICT} does: its insert fails with 23505 and the DAO runs the
 * {@code ON CONFLICT} statement instead. Each interleaving must end the same through both.
 */
class UpsertRaceTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static Database db;
  static MemberDao members;

  /** How unit B writes its one row. */
  enum Upsert {
    SINGLE, BULK;

    Member byEmail(Member row) {
      if (this == SINGLE) {
        return members.upsertByEmail(row);
      }
      assertEquals(1, members.upsertAllByEmail(List.of(row)));
      return members.findByEmail(row.email()).orElseThrow();
    }

    Member byId(Member row) {
      if (this == SINGLE) {
        return members.upsert(row);
      }
      assertEquals(1, members.upsertAll(List.of(row)));
      return members.findById(row.id()).orElseThrow();
    }
  }

  @BeforeAll
  static void schema() {
    pg.apply(MemberSchema.statements());
    db = pg.db();
    members = new MemberDao(db);
  }

  @ParameterizedTest
  @EnumSource(Upsert.class)
  void aSoftDeleteThatCommitsFirstMakesTheUpsertInsertANewLiveRow(Upsert upsert) throws Exception {
    Member old = members.insert(new Member(null, "del-commit-" + upsert + "@race.test", "old", null, null, null));
    Member upserted = race(() -> members.delete(old.id()), true,
        () -> upsert.byEmail(new Member(null, "del-commit-" + upsert + "@race.test", "new", null, null, null)));
    assertNotEquals(old.id(), upserted.id());
    assertRows("del-commit-" + upsert + "@race.test", 2, 1);
    Member deleted = members.includingDeleted().findById(old.id()).orElseThrow();
    assertNotNull(deleted.deletedAt());
    assertEquals("old", deleted.name(), "the deleted row is not touched");
    assertEquals("new", members.findByEmail("del-commit-" + upsert + "@race.test").orElseThrow().name());
  }

  @ParameterizedTest
  @EnumSource(Upsert.class)
  void aSoftDeleteThatRollsBackMakesTheUpsertUpdateTheLiveRow(Upsert upsert) throws Exception {
    Member old = members.insert(new Member(null, "del-rollback-" + upsert + "@race.test", "old", null, null, null));
    Member upserted = race(() -> members.delete(old.id()), false,
        () -> upsert.byEmail(new Member(null, "del-rollback-" + upsert + "@race.test", "new", null, null, null)));
    assertEquals(old.id(), upserted.id());
    assertRows("del-rollback-" + upsert + "@race.test", 1, 1);
    assertEquals("new", members.findById(old.id()).orElseThrow().name());
  }

  @ParameterizedTest
  @EnumSource(Upsert.class)
  void aRestoreThatCommitsFirstMakesTheUpsertUpdateTheRestoredRow(Upsert upsert) throws Exception {
    Member old = members.insert(new Member(null, "restore-commit-" + upsert + "@race.test", "old", null, null, null));
    members.delete(old.id());
    Member upserted = race(() -> members.restore(old.id()), true,
        () -> upsert.byEmail(new Member(null, "restore-commit-" + upsert + "@race.test", "new", null, null, null)));
    assertEquals(old.id(), upserted.id());
    assertRows("restore-commit-" + upsert + "@race.test", 1, 1);
    Member row = members.findById(old.id()).orElseThrow();
    assertEquals("new", row.name());
    assertNull(row.deletedAt());
  }

  @ParameterizedTest
  @EnumSource(Upsert.class)
  void aRestoreThatRollsBackMakesTheUpsertInsertANewLiveRow(Upsert upsert) throws Exception {
    Member old = members.insert(new Member(null, "restore-rollback-" + upsert + "@race.test", "old", null, null, null));
    members.delete(old.id());
    Member upserted = race(() -> members.restore(old.id()), false,
        () -> upsert.byEmail(new Member(null, "restore-rollback-" + upsert + "@race.test", "new", null, null, null)));
    assertNotEquals(old.id(), upserted.id());
    assertRows("restore-rollback-" + upsert + "@race.test", 2, 1);
  }

  /**
   * Unit A inserts a row and holds it; B upserts a row with the same id. Once A commits, B must
   * update A's row (a bulk upsert's MERGE fails on the key and the DAO falls back to ON
   * CONFLICT); once A rolls back, B inserts.
   */
  @ParameterizedTest
  @EnumSource(Upsert.class)
  void anIdInsertedMeanwhileIsUpdatedOnceItCommits(Upsert upsert) throws Exception {
    long id = nextId();
    Member upserted = race(
        () -> members.insert(new Member(id, "first-" + upsert + "@race.test", "first", null, null, null)), true,
        () -> upsert.byId(new Member(id, "second-" + upsert + "@race.test", "new", null, null, null)));
    assertEquals(id, upserted.id());
    assertEquals("new", upserted.name());
    assertEquals("second-" + upsert + "@race.test", upserted.email());
    assertEquals(1L, pg.value("SELECT count(*) FROM members WHERE id = " + id));
  }

  @ParameterizedTest
  @EnumSource(Upsert.class)
  void anIdInsertedMeanwhileAndRolledBackIsInserted(Upsert upsert) throws Exception {
    long id = nextId();
    Member upserted = race(
        () -> members.insert(new Member(id, "gone-" + upsert + "@race.test", "first", null, null, null)), false,
        () -> upsert.byId(new Member(id, "kept-" + upsert + "@race.test", "new", null, null, null)));
    assertEquals(id, upserted.id());
    assertEquals("new", upserted.name());
    assertEquals(1L, pg.value("SELECT count(*) FROM members WHERE id = " + id));
    assertEquals(0L, pg.value("SELECT count(*) FROM members WHERE email = 'gone-" + upsert + "@race.test'"));
  }

  /** An id above every id the identity has given or will give soon. */
  private static long nextId() {
    return ((Number) pg.value("SELECT coalesce(max(id), 0) + 1000 FROM members")).longValue()
        + ThreadLocalRandom.current().nextInt(1000);
  }

  /**
   * Unit A runs {@code first} and holds its row lock; unit B runs {@code second} and blocks; once
   * PostgreSQL shows B waiting on a lock, A commits or rolls back.
   */
  private static <T> T race(Runnable first, boolean commitFirst, Supplier<T> second) throws Exception {
    CountDownLatch aHoldsTheRow = new CountDownLatch(1);
    CountDownLatch bIsWaiting = new CountDownLatch(1);
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
      try {
        db.transaction(() -> {
          first.run();
          aHoldsTheRow.countDown();
          await(bIsWaiting, "the upsert never waited for the lock");
          if (!commitFirst) {
            throw new RolledBack();
          }
        });
      } catch (RolledBack expected) {
        // unit A rolled back on purpose
      }
    });
    if (!aHoldsTheRow.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("unit A did not start");
    }
    AtomicInteger bPid = new AtomicInteger();
    CountDownLatch bStarted = new CountDownLatch(1);
    CompletableFuture<T> b = CompletableFuture.supplyAsync(() -> db.transaction(() -> {
      bPid.set(backendPid());
      bStarted.countDown();
      return second.get();
    }));
    if (!bStarted.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("unit B did not start");
    }
    awaitLockWait(bPid.get());
    bIsWaiting.countDown();
    a.get(30, TimeUnit.SECONDS);
    return b.get(30, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch, String otherwise) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError(otherwise);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Polls pg_stat_activity, as PostgreSQL's isolation tester does, until the backend waits on a lock. */
  private static void awaitLockWait(int pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Object wait = db.withConnection(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
          ps.setInt(1, pid);
          try (var rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
          }
        }
      });
      if ("Lock".equals(wait)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("backend " + pid + " never waited on a lock");
  }

  private static int backendPid() {
    return db.withConnection(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  private static void assertRows(String email, long all, long live) {
    List<Object> counts = List.of(
        pg.value("SELECT count(*) FROM members WHERE email = '" + email + "'"),
        pg.value("SELECT count(*) FROM members WHERE email = '" + email + "' AND deleted_at IS NULL"));
    assertEquals(List.of(all, live), counts, "rows, live rows for " + email);
  }

  /** Makes unit A roll back. */
  static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
