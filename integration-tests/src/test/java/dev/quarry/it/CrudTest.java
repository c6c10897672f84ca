package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.Page;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.UniqueViolationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrudTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static OwnerDao owners;
  static DocumentDao documents;

  @BeforeAll
  static void schema() {
    pg.apply(OwnerSchema.statements());
    pg.apply(DocumentSchema.statements());
    pg.apply(DocumentSchema.statements()); // idempotent
    owners = new OwnerDao(pg.db());
    documents = new DocumentDao(pg.db());
  }

  @Test
  void insertReturnsTheStoredRowWithTheIdentityPostgresChose() {
    Owner ann = owners.insert(new Owner(null, "ann@crud.test", "Ann"));
    assertNotNull(ann.id());
    assertEquals(Optional.of(ann), owners.findById(ann.id()));
    Owner explicit = owners.insert(new Owner(1_000_000L, "explicit@crud.test", "Explicit"));
    assertEquals(1_000_000L, explicit.id());
  }

  @Test
  void findByIdsUsesOneStatementAndAnswersInTheCallersOrder() {
    Owner a = owners.insert(new Owner(null, "a@ids.test", "A"));
    Owner b = owners.insert(new Owner(null, "b@ids.test", "B"));
    Map<Long, Owner> found = owners.findByIds(List.of(b.id(), -1L, a.id()));
    assertEquals(List.of(b.id(), a.id()), List.copyOf(found.keySet()));
    assertEquals(a, found.get(a.id()));
    assertTrue(owners.findByIds(List.of()).isEmpty());
  }

  @Test
  void countAndExistsAreComputedInPostgres() {
    long before = owners.count();
    Owner c = owners.insert(new Owner(null, "count@crud.test", "C"));
    assertEquals(before + 1, owners.count());
    assertTrue(owners.existsById(c.id()));
    assertFalse(owners.existsById(-42L));
  }

  @Test
  void uniqueKeyFindersAndTypedViolationKeepingTheConstraintName() {
    Owner u = owners.insert(new Owner(null, "unique@crud.test", "U"));
    assertEquals(Optional.of(u), owners.findByEmail("unique@crud.test"));
    assertTrue(owners.existsByEmail("unique@crud.test"));
    assertFalse(owners.existsByEmail("nobody@crud.test"));
    UniqueViolationException e = assertThrows(UniqueViolationException.class,
        () -> owners.insert(new Owner(null, "unique@crud.test", "Other")));
    assertEquals("23505", e.sqlState());
    assertEquals(Optional.of("owners_email_key"), e.constraint());
    assertTrue(e.getMessage().contains("OwnerDao.insert"), e.getMessage());
    assertTrue(e.getMessage().contains("INSERT INTO owners"), e.getMessage());
    assertFalse(e.getMessage().contains("unique@crud.test"), "bound values stay out of messages: " + e.getMessage());
  }

  @Test
  void updateWritesEveryNonKeyColumnAndReportsAMissingRow() {
    Owner o = owners.insert(new Owner(null, "upd@crud.test", "Before"));
    Owner changed = new Owner(o.id(), "upd2@crud.test", "After");
    assertEquals(Optional.of(changed), owners.update(changed));
    assertEquals(Optional.of(changed), owners.findById(o.id()));
    assertEquals(Optional.empty(), owners.update(new Owner(-5L, "x@crud.test", "Nobody")));
  }

  @Test
  void deleteAndDeleteByIds() {
    Owner d1 = owners.insert(new Owner(null, "d1@crud.test", "D1"));
    Owner d2 = owners.insert(new Owner(null, "d2@crud.test", "D2"));
    Owner d3 = owners.insert(new Owner(null, "d3@crud.test", "D3"));
    assertTrue(owners.delete(d1.id()));
    assertFalse(owners.delete(d1.id()));
    assertEquals(2, owners.deleteByIds(List.of(d2.id(), d3.id(), -1L)));
    assertEquals(0, owners.deleteByIds(List.of()));
    assertFalse(owners.existsById(d2.id()));
  }

  @Test
  void pagesAreOneBasedDeterministicAndCarryTheTotal() {
    Owner p = owners.insert(new Owner(null, "pager@crud.test", "Pager"));
    for (int i = 0; i < 7; i++) {
      documents.insert(new Document(null, p.id(), "doc " + i, null, null));
    }
    long total = documents.count();
    Page<Document> first = documents.page(1, 3);
    Page<Document> second = documents.page(2, 3);
    assertEquals(3, first.items().size());
    assertEquals(total, first.total());
    assertEquals((int) ((total + 2) / 3), first.totalPages());
    assertTrue(first.items().get(2).id() < second.items().get(0).id(), "primary-key order, no overlap");
    Page<Document> beyond = documents.page(1000, 3);
    assertTrue(beyond.items().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> documents.page(0, 10));
    assertThrows(IllegalArgumentException.class, () -> documents.page(1, 0));
    assertThrows(IllegalArgumentException.class, () -> documents.page(1, 1001));
  }

  @Test
  void aPageWithAKnownTotalRunsNoCount() {
    Owner p = owners.insert(new Owner(null, "known-total@crud.test", "Known"));
    for (int i = 0; i < 5; i++) {
      documents.insert(new Document(null, p.id(), "known " + i, null, null));
    }
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    DocumentDao watched = new DocumentDao(dev.quarry.runtime.Database.of(
        dev.quarry.runtime.ConnectionProvider.of(pg.dataSource()), (method, sql) -> {
          ran.add(method);
          return dev.quarry.runtime.StatementListener.Run.NONE;
        }));
    Page<Document> first = watched.page(1, 2);
    assertEquals(List.of("DocumentDao.count", "DocumentDao.page"), ran);
    ran.clear();
    Page<Document> second = watched.page(2, 2, first.total());
    assertEquals(List.of("DocumentDao.page"), ran, "the known total spares the count");
    assertEquals(documents.page(2, 2), second);
    assertEquals(first.total(), second.total());
    assertThrows(IllegalArgumentException.class, () -> watched.page(1, 2, -1));
    assertThrows(IllegalArgumentException.class, () -> watched.page(0, 2, 10));
  }

  @Test
  void foreignKeysLoadChildrenOfManyParentsInOneQuery() {
    Owner x = owners.insert(new Owner(null, "x@fk.test", "X"));
    Owner y = owners.insert(new Owner(null, "y@fk.test", "Y"));
    Owner z = owners.insert(new Owner(null, "z@fk.test", "Z"));
    IntStream.range(0, 3).forEach(i -> documents.insert(new Document(null, x.id(), "x" + i, "body", null)));
    documents.insert(new Document(null, y.id(), "y0", null, "{\"tags\": [\"a\"]}"));
    assertEquals(3, documents.findByOwnerId(x.id()).size());
    Map<Long, List<Document>> byOwner = documents.findByOwnerIdIn(List.of(z.id(), x.id(), y.id()));
    assertEquals(List.of(z.id(), x.id(), y.id()), List.copyOf(byOwner.keySet()));
    assertEquals(List.of(), byOwner.get(z.id()));
    assertEquals(3, byOwner.get(x.id()).size());
    assertEquals("{\"tags\": [\"a\"]}", byOwner.get(y.id()).get(0).meta());
    ForeignKeyViolationException e = assertThrows(ForeignKeyViolationException.class,
        () -> documents.insert(new Document(null, -1L, "orphan", null, null)));
    assertEquals(Optional.of("documents_owner_id_fkey"), e.constraint());
    assertTrue(owners.delete(x.id()));
    assertEquals(List.of(), documents.findByOwnerId(x.id()), "ON DELETE CASCADE");
  }

  @Test
  void notNullAndInvalidJsonAreTypedAndNameNoValue() {
    Owner o = owners.insert(new Owner(null, "nn@crud.test", "NN"));
    NotNullViolationException nn = assertThrows(NotNullViolationException.class,
        () -> documents.insert(new Document(null, o.id(), null, null, null)));
    assertEquals("23502", nn.sqlState());
    QuarryException bad = assertThrows(QuarryException.class,
        () -> documents.insert(new Document(null, o.id(), "t", null, "{not json secret}")));
    assertEquals("22P02", bad.sqlState());
    assertFalse(bad.getMessage().contains("secret"), bad.getMessage());
  }
}
