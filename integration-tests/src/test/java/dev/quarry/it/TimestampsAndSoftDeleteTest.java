package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.UniqueViolationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cookbook's timestamp mixin and soft delete, with every trap it warns about. */
class TimestampsAndSoftDeleteTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static MemberDao members;
  static NoteDao notes;

  @BeforeAll
  static void schema() {
    pg.apply(MemberSchema.statements());
    pg.apply(NoteSchema.statements());
    pg.apply(NoteSchema.statements());
    members = new MemberDao(pg.db());
    notes = new NoteDao(pg.db());
  }

  @Test
  void insertLeavesTimestampsToPostgresAndReadsThemBack() {
    Instant bogus = Instant.parse("1999-01-01T00:00:00Z");
    Member m = members.insert(new Member(null, "ts@x", "Ts", bogus, bogus, null));
    assertNotNull(m.createdAt());
    assertEquals(m.createdAt(), m.updatedAt());
    assertTrue(m.createdAt().isAfter(bogus), "the record's values are ignored: PostgreSQL sets both");
  }

  @Test
  void updateBumpsUpdatedAndNeverTouchesCreated() {
    Member m = members.insert(new Member(null, "upd@x", "Before", null, null, null));
    Member changed = members.update(new Member(m.id(), "upd@x", "After", Instant.EPOCH, Instant.EPOCH, null)).orElseThrow();
    assertEquals(m.createdAt(), changed.createdAt());
    assertTrue(changed.updatedAt().isAfter(m.updatedAt()), "each statement is its own transaction: now() moved");
  }

  @Test
  void upsertKeepsTheFirstCreatedAndBumpsUpdated() {
    Member first = members.upsertByEmail(new Member(null, "ups@x", "One", null, null, null));
    Member second = members.upsertByEmail(new Member(null, "ups@x", "Two", Instant.EPOCH, Instant.EPOCH, null));
    assertEquals(first.id(), second.id(), "keys never change on conflict");
    assertEquals("Two", second.name());
    assertEquals(first.createdAt(), second.createdAt());
    assertTrue(second.updatedAt().isAfter(first.updatedAt()));
    Member byKey = members.upsert(new Member(first.id(), "ups@x", "Three", null, null, null));
    assertEquals(first.createdAt(), byKey.createdAt());
    assertEquals("Three", byKey.name());
  }

  @Test
  void theTriggerBumpsUpdatedForRawSqlToo() {
    Note n = notes.insert(new Note(1, "draft", null, null));
    pg.sql("UPDATE notes SET body = 'edited by hand' WHERE id = 1");
    Note after = notes.findById(1L).orElseThrow();
    assertEquals("edited by hand", after.body());
    assertEquals(n.created(), after.created());
    assertTrue(after.touched().isAfter(n.touched()), "trigger = true keeps the column honest under raw UPDATEs");
    OffsetDateTime viaDao = notes.update(new Note(1, "via dao", null, null)).orElseThrow().touched();
    assertTrue(viaDao.isAfter(after.touched()));
  }

  @Test
  void deleteStampsTheRowAndEveryReadFiltersIt() {
    Member m = members.insert(new Member(null, "del@x", "Del", null, null, null));
    long liveBefore = members.count();
    assertTrue(members.delete(m.id()));
    assertFalse(members.delete(m.id()), "deleting twice reports false");
    assertEquals(Optional.empty(), members.findById(m.id()));
    assertFalse(members.existsById(m.id()));
    assertFalse(members.existsByEmail("del@x"));
    assertEquals(Optional.empty(), members.findByEmail("del@x"));
    assertTrue(members.findByIds(List.of(m.id())).isEmpty());
    assertEquals(liveBefore - 1, members.count());
    assertTrue(members.page(1, 1000).items().stream().noneMatch(x -> x.id().equals(m.id())));
    assertEquals(Optional.empty(), members.update(new Member(m.id(), "del@x", "Zombie", null, null, null)),
        "updates skip deleted rows");

    Member seen = members.includingDeleted().findById(m.id()).orElseThrow();
    assertNotNull(seen.deletedAt());
    assertEquals("Del", seen.name());
    assertTrue(members.includingDeleted().existsByEmail("del@x"));
    assertEquals((long) pg.value("SELECT count(*) FROM members"), members.includingDeleted().count());
    assertEquals((long) pg.value("SELECT count(*) FROM members WHERE deleted_at IS NULL"), members.count());
  }

  @Test
  void restoreBringsARowBackAndPurgeRemovesItForGood() {
    Member m = members.insert(new Member(null, "undo@x", "Undo", null, null, null));
    assertFalse(members.restore(m.id()), "a live row has nothing to restore");
    members.delete(m.id());
    assertTrue(members.restore(m.id()));
    Member back = members.findById(m.id()).orElseThrow();
    assertNull(back.deletedAt());
    assertTrue(members.purge(m.id()));
    assertEquals(Optional.empty(), members.includingDeleted().findById(m.id()));
    assertFalse(members.purge(m.id()));
  }

  @Test
  void aDeletedEmailCanRegisterAgainButNotBeRestoredOverTheNewOwner() {
    Member old = members.insert(new Member(null, "again@x", "Old", null, null, null));
    assertThrows(UniqueViolationException.class, () -> members.insert(new Member(null, "again@x", "Dup", null, null, null)));
    members.delete(old.id());
    Member fresh = members.insert(new Member(null, "again@x", "New", null, null, null));
    assertEquals("New", members.findByEmail("again@x").orElseThrow().name());
    UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> members.restore(old.id()));
    assertEquals(Optional.of("members_email_key"), e.constraint());
    // The upsert's conflict target names the partial index's predicate, so it works at all (no 42P10).
    Member upserted = members.upsertByEmail(new Member(null, "again@x", "Upserted", null, null, null));
    assertEquals(fresh.id(), upserted.id());
  }

  @Test
  void uniqueKeysArePartialIndexesOverLiveRows() {
    assertEquals("CREATE UNIQUE INDEX members_email_key ON " + pg.schema() + ".members USING btree (email) WHERE (deleted_at IS NULL)",
        pg.value("SELECT indexdef FROM pg_indexes WHERE indexname = 'members_email_key' AND schemaname = '" + pg.schema() + "'"));
    assertEquals(1L, pg.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'members_live_idx' AND schemaname = '"
        + pg.schema() + "'"));
  }
}
