package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Explain;
import dev.quarry.runtime.InvalidCursorException;
import dev.quarry.runtime.Slice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keyset slices, N+1-free loading, full-text search, and proof that indexes get used. */
class ReadingTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int ARTICLES = 20_000;
  static OwnerDao owners;
  static ArticleDao articles;
  static TicketDao tickets;
  static List<Article> all;
  static List<Owner> authors = new ArrayList<>();

  @BeforeAll
  static void seed() {
    pg.apply(OwnerSchema.statements());
    pg.apply(ArticleSchema.statements());
    pg.apply(TicketSchema.statements());
    owners = new OwnerDao(pg.db());
    articles = new ArticleDao(pg.db());
    tickets = new TicketDao(pg.db());
    for (int i = 0; i < 50; i++) {
      authors.add(owners.insert(new Owner(null, "author" + i + "@read", "Author " + i)));
    }
    Instant base = Instant.parse("2026-01-01T00:00:00.000001Z");
    List<Article> rows = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      // Every three articles share a timestamp: only the id breaks the tie.
      String topic = i % 100 == 0 ? "postgres partitioning" : i % 7 == 0 ? "java records" : "cooking pasta";
      rows.add(new Article(null, authors.get(i % 50).id(), "Article " + i + " about " + topic,
          i % 2 == 0 ? "body text on " + topic : null, base.plusSeconds(i / 3), null));
    }
    articles.insertAll(rows);
    // As autovacuum would after a bulk load: VACUUM merges GIN's pending list, without which the
    // planner rightly prices the search index above a sequential scan.
    pg.sql("VACUUM ANALYZE articles");
    all = readAllNewestFirst();
  }

  static List<Article> readAllNewestFirst() {
    List<Article> out = new ArrayList<>();
    for (int p = 1; ; p++) {
      List<Article> items = articles.page(p, 1000).items();
      if (items.isEmpty()) {
        return out;
      }
      out.addAll(items);
    }
  }

  @Test
  void offsetPagesFollowTheKeysetOrder() {
    Comparator<Article> newestFirst = Comparator.comparing(Article::publishedAt).thenComparing(Article::id).reversed();
    List<Article> sorted = new ArrayList<>(all);
    sorted.sort(newestFirst);
    assertEquals(sorted, all);
    assertEquals(ARTICLES, all.size());
  }

  @Test
  void walkingForwardVisitsEveryRowOnceInOrderDespiteTies() {
    List<Article> seen = new ArrayList<>();
    Slice<Article> slice = articles.firstSlice(70);
    assertTrue(slice.previous().isEmpty(), "nothing precedes the first slice");
    seen.addAll(slice.items());
    while (slice.next().isPresent()) {
      Slice<Article> following = articles.sliceAfter(slice.next().get(), 70);
      assertTrue(following.previous().isPresent(), "rows precede every later slice");
      slice = following;
      seen.addAll(slice.items());
    }
    assertEquals(all, seen);
    assertEquals(ARTICLES % 70, slice.items().size());
  }

  @Test
  void walkingBackwardListsItemsInTheSameOrder() {
    Slice<Article> first = articles.firstSlice(40);
    Slice<Article> second = articles.sliceAfter(first.next().orElseThrow(), 40);
    Slice<Article> third = articles.sliceAfter(second.next().orElseThrow(), 40);
    Slice<Article> backToSecond = articles.sliceBefore(third.previous().orElseThrow(), 40);
    assertEquals(second.items(), backToSecond.items());
    assertTrue(backToSecond.next().isPresent());
    Slice<Article> backToFirst = articles.sliceBefore(backToSecond.previous().orElseThrow(), 40);
    assertEquals(first.items(), backToFirst.items());
    assertTrue(backToFirst.previous().isEmpty(), "previous is absent exactly at the start");
    assertTrue(backToFirst.next().isPresent());
  }

  @Test
  void nextIsAbsentExactlyAtTheEnd() {
    Slice<Article> s = articles.firstSlice(1000);
    while (s.next().isPresent()) {
      s = articles.sliceAfter(s.next().get(), 1000);
    }
    assertEquals(1000, s.items().size(), ARTICLES + " rows: the last slice is full");
    assertEquals(all.get(ARTICLES - 1), s.items().get(999));
    assertTrue(s.previous().isPresent());
  }

  @Test
  void ascendingKeysetOverAnIntTextAndUuid() {
    List<Ticket> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(new Ticket(UUID.randomUUID(), i % 3, "ticket " + (i % 5), Color.values()[i % 3]));
    }
    tickets.insertAll(rows);
    // PostgreSQL compares uuids as unsigned bytes and text by collation: the database says the order.
    List<UUID> expected = pg.db().withConnection(c -> {
      List<UUID> ids = new ArrayList<>();
      try (var rs = c.createStatement().executeQuery("SELECT id FROM tickets ORDER BY priority, title, id")) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
      return ids;
    });
    List<Ticket> seen = new ArrayList<>();
    Slice<Ticket> s = tickets.firstSlice(4);
    seen.addAll(s.items());
    while (s.next().isPresent()) {
      s = tickets.sliceAfter(s.next().get(), 4);
      seen.addAll(s.items());
    }
    assertEquals(expected, seen.stream().map(Ticket::id).toList());
    assertTrue(seen.size() >= rows.size());
  }

  @Test
  void cursorsRoundTripAndRefuseTamperingAndOtherLists() {
    Slice<Article> slice = articles.firstSlice(10);
    Cursor next = slice.next().orElseThrow();
    Cursor parsed = Cursor.parse(next.token());
    assertEquals(articles.sliceAfter(next, 10).items(), articles.sliceAfter(parsed, 10).items());
    assertTrue(next.token().matches("[A-Za-z0-9_-]+"), "URL-safe");

    String token = next.token();
    char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
    String altered = token.substring(0, 10) + flipped + token.substring(11);
    assertThrows(InvalidCursorException.class, () -> Cursor.parse(altered));
    assertThrows(InvalidCursorException.class, () -> Cursor.parse(token.substring(0, token.length() - 3)));
    assertThrows(InvalidCursorException.class, () -> Cursor.parse(token + "A"));
    assertThrows(InvalidCursorException.class, () -> Cursor.parse("not a cursor!"));
    assertThrows(InvalidCursorException.class, () -> Cursor.parse(""));
    assertThrows(InvalidCursorException.class, () -> Cursor.parse("A".repeat(5000)));

    tickets.insert(new Ticket(UUID.randomUUID(), 9, "other", Color.RED));
    tickets.insert(new Ticket(UUID.randomUUID(), 9, "other 2", Color.RED));
    Cursor foreign = tickets.firstSlice(1).next().orElseThrow();
    InvalidCursorException e = assertThrows(InvalidCursorException.class, () -> articles.sliceAfter(foreign, 10));
    assertTrue(e.getMessage().contains("articles"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> articles.firstSlice(0));
    assertThrows(IllegalArgumentException.class, () -> articles.sliceAfter(next, 1001));
  }

  @Test
  void softDeletedRowsLeaveSlicesButNotTheIncludingDeletedView() {
    Article victim = articles.firstSlice(5).items().get(2);
    articles.delete(victim.id());
    try {
      assertFalse(articles.firstSlice(5).items().contains(victim));
      assertTrue(articles.includingDeleted().firstSlice(5).items().stream().anyMatch(a -> a.id().equals(victim.id())));
    } finally {
      articles.restore(victim.id());
    }
  }

  @Test
  void childrenOfManyParentsLoadInOneStatement() {
    CountingDataSource counting = new CountingDataSource(pg.dataSource());
    ArticleDao counted = new ArticleDao(Database.of(counting.dataSource));
    List<Long> ids = authors.stream().map(Owner::id).toList();
    Map<Long, List<Article>> byOwner = counted.findByOwnerIdIn(ids);
    assertEquals(1, counting.statements.get(), "one query for 50 parents, not 50");
    assertEquals(ids, List.copyOf(byOwner.keySet()));
    assertEquals(ARTICLES, byOwner.values().stream().mapToInt(List::size).sum());
    Owner lonely = owners.insert(new Owner(null, "lonely@read", "Lonely"));
    assertEquals(List.of(), counted.findByOwnerIdIn(List.of(lonely.id())).get(lonely.id()));
    assertEquals(2, counting.statements.get());
  }

  @Test
  void searchRanksTitleMatchesAndNeverThrowsOnSyntax() {
    List<Article> hits = articles.search("partitioning", 1000);
    assertEquals(ARTICLES / 100, hits.size());
    assertTrue(hits.stream().allMatch(a -> a.title().contains("partitioning")));
    List<Article> records = articles.search("\"java records\" -pasta", 10);
    assertEquals(10, records.size());
    assertTrue(records.stream().allMatch(a -> a.title().contains("java records")));
    for (String odd : List.of("", "&&", "!(", "\"unterminated", "or or or", "a:*", "\u0000", "' ; DROP TABLE articles; --")) {
      articles.search(odd, 5);
    }
    assertEquals((long) ARTICLES, pg.value("SELECT count(*) FROM articles"));
  }

  @Test
  void keysetForeignKeyAndSearchStatementsUseTheirIndexes() {
    Article mid = all.get(1500);
    List<String> keyset = Explain.plan(pg.db(), ArticleDao.SLICE_AFTER,
        mid.publishedAt(), mid.id(), 22);
    assertTrue(keyset.stream().anyMatch(l -> l.contains("Index Scan using articles_keyset_idx")), String.join("\n", keyset));
    assertTrue(keyset.stream().noneMatch(l -> l.contains("Sort")), "no Sort node:\n" + String.join("\n", keyset));
    assertTrue(keyset.stream().anyMatch(l -> l.contains("Index Cond: (ROW(published_at, id) <= ROW(")),
        "the row-value predicate is the index condition:\n" + String.join("\n", keyset));
    List<String> probed = Explain.plan(pg.db(), ArticleDao.SLICE_AFTER_INCLUSIVE,
        mid.publishedAt(), mid.id(), mid.publishedAt(), mid.id(), 21);
    assertTrue(probed.stream().anyMatch(l -> l.contains("Index Cond: (ROW(published_at, id) > ROW(")),
        "the probe of the other side seeks in the same index:\n" + String.join("\n", probed));
    assertTrue(probed.stream().noneMatch(l -> l.contains("Seq Scan") || l.contains("Sort")), String.join("\n", probed));

    List<String> fk = Explain.plan(pg.db(), ArticleDao.FIND_BY_OWNER_ID, authors.get(7).id());
    assertTrue(fk.stream().anyMatch(l -> l.contains("articles_owner_id_idx")), String.join("\n", fk));

    List<String> search = Explain.plan(pg.db(), ArticleDao.SEARCH, "partitioning", "partitioning", 10);
    assertTrue(search.stream().anyMatch(l -> l.contains("Bitmap Index Scan on articles_search_vector_idx")),
        String.join("\n", search));
  }
}
