package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DAO implements a @Queries interface: named parameters, arrays, projections, scalars, updates. */
class QueriesTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static ArticleDao articles;
  static Owner ann;
  static Owner bob;

  @BeforeAll
  static void seed() {
    pg.apply(OwnerSchema.statements());
    pg.apply(ArticleSchema.statements());
    OwnerDao owners = new OwnerDao(pg.db());
    articles = new ArticleDao(pg.db());
    ann = owners.insert(new Owner(null, "ann@q", "Ann"));
    bob = owners.insert(new Owner(null, "bob@q", "Bob"));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Article> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new Article(null, (i % 2 == 0 ? ann : bob).id(), "Title " + i, null, t.plusSeconds(i), null));
    }
    articles.insertAll(rows);
  }

  @Test
  void theDaoIsTheInterface() {
    ArticleQueries queries = articles;
    List<Article> recent = queries.recentByOwner(ann.id(), 2);
    assertEquals(List.of("Title 8", "Title 6"), recent.stream().map(Article::title).toList());
  }

  @Test
  void collectionsBindAsArraysAndProjectionsMapByName() {
    assertEquals(List.of(new ArticleQueries.OwnerCount(ann.id(), 5), new ArticleQueries.OwnerCount(bob.id(), 5)),
        articles.countsFor(List.of(ann.id(), bob.id(), -1L)));
  }

  @Test
  void aNullCollectionIsRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> articles.countsFor(null));
    assertEquals("ArticleDao.countsFor: parameter 'owners' is null; pass an empty collection to match no rows",
        e.getMessage());
    assertEquals(List.of(), articles.countsFor(List.of()));
  }

  @Test
  void scalarsOptionalsAndUpdates() {
    assertEquals(10, articles.countTitled("Title %"));
    Article first = articles.recentByOwner(bob.id(), 1).get(0);
    assertEquals(Optional.of("Title 9#" + first.id()), articles.labelOf(first.id()));
    assertEquals(Optional.empty(), articles.labelOf(-1));
    assertEquals(1, articles.rename(first.id(), "Renamed"));
    assertEquals("Renamed", articles.findById(first.id()).orElseThrow().title());
    assertTrue(ArticleDao.QUERY_COUNTS_FOR.contains("= ANY(?)"));
    assertTrue(ArticleDao.QUERY_COUNTS_FOR.contains(":notAParameter"), "comments keep their text");
  }

  @Test
  void aNullParameterBesideIsNullIsTyped() {
    assertEquals(10, articles.countSince(null));
    assertEquals(3, articles.countSince(Instant.parse("2026-01-01T00:00:07Z")));
  }

  @Test
  void aLongOfAStatementWithReturningIsTheValueReturned() {
    long id = articles.addDeleted(bob.id(), "Gone", Instant.parse("2020-01-01T00:00:00Z"));
    assertEquals("Gone", pg.value("SELECT title FROM articles WHERE deleted_at IS NOT NULL AND id = " + id));
  }
}
