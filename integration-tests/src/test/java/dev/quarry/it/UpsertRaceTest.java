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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Matrix row 31: a soft delete or restore races an upsert by the same unique key (the
 * {@code insert-conflict-do-update-3} interleaving). The upsert is parked, deterministically,
 * behind the other unit's row lock: the test waits until PostgreSQL reports it waiting on a
 * lock, then lets the other unit commit or roll back.
 *
 * <p>What it pins: the conflict target {@code ON CONFLICT (email) WHERE deleted_at IS NULL} is
 * judged on the row as the other unit left it. A soft delete that commits first makes the
 * upsert insert a new live row and leaves the deleted one deleted, with its old name; a restore
 * that commits first makes the upsert update the restored row. Never a resurrected row, never
 * two live rows for one e-mail, never a lost write.
 */
class SoftDeleteUpsertRaceTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static Database db;
  static MemberDao members;

  @BeforeAll
  static void schema() {
    pg.apply(MemberSchema.statements());
    db = pg.db();
    members = new MemberDao(db);
  }

  @Test
  void aSoftDeleteThatCommitsFirstMakesTheUpsertInsertANewLiveRow() throws Exception {
    Member old = members.insert(new Member(null, "del-commit@race.test", "old", null, null, null));
    Member upserted = race(() -> members.delete(old.id()), true, "del-commit@race.test");
    assertNotEquals(old.id(), upserted.id());
    assertRows("del-commit@race.test", 2, 1);
    Member deleted = members.includingDeleted().findById(old.id()).orElseThrow();
    assertNotNull(deleted.deletedAt());
    assertEquals("old", deleted.name(), "the deleted row is not touched");
    assertEquals("new", members.findByEmail("del-commit@race.test").orElseThrow().name());
  }

  @Test
  void aSoftDeleteThatRollsBackMakesTheUpsertUpdateTheLiveRow() throws Exception {
    Member old = members.insert(new Member(null, "del-rollback@race.test", "old", null, null, null));
    Member upserted = race(() -> members.delete(old.id()), false, "del-rollback@race.test");
    assertEquals(old.id(), upserted.id());
    assertRows("del-rollback@race.test", 1, 1);
    assertEquals("new", members.findById(old.id()).orElseThrow().name());
  }

  @Test
  void aRestoreThatCommitsFirstMakesTheUpsertUpdateTheRestoredRow() throws Exception {
    Member old = members.insert(new Member(null, "restore-commit@race.test", "old", null, null, null));
    members.delete(old.id());
    Member upserted = race(() -> members.restore(old.id()), true, "restore-commit@race.test");
    assertEquals(old.id(), upserted.id());
    assertRows("restore-commit@race.test", 1, 1);
    Member row = members.findById(old.id()).orElseThrow();
    assertEquals("new", row.name());
    assertNull(row.deletedAt());
  }

  @Test
  void aRestoreThatRollsBackMakesTheUpsertInsertANewLiveRow() throws Exception {
    Member old = members.insert(new Member(null, "restore-rollback@race.test", "old", null, null, null));
    members.delete(old.id());
    Member upserted = race(() -> members.restore(old.id()), false, "restore-rollback@race.test");
    assertNotEquals(old.id(), upserted.id());
    assertRows("restore-rollback@race.test", 2, 1);
  }

  /**
   * Unit A runs {@code first} and holds its row lock; unit B upserts {@code email} with name
   * "new" and blocks; once PostgreSQL shows B waiting on a lock, A commits or rolls back.
   */
  private static Member race(Runnable first, boolean commitFirst, String email) throws Exception {
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
    CompletableFuture<Member> b = CompletableFuture.supplyAsync(() -> db.transaction(() -> {
      bPid.set(backendPid());
      bStarted.countDown();
      return members.upsertByEmail(new Member(null, email, "new", null, null, null));
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
