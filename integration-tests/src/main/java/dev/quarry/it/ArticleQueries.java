package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Custom SQL that ArticleDao implements: rows, projections, scalars and updates. */
@Queries(Article.class)
public interface ArticleQueries {
  /** Per-owner counts, a projection matched by column name. */
  record OwnerCount(long ownerId, long articles) {}

  @Sql("SELECT * FROM articles WHERE owner_id = :ownerId AND deleted_at IS NULL ORDER BY published_at DESC LIMIT :limit")
  List<Article> recentByOwner(long ownerId, int limit);

  @Sql("""
      SELECT owner_id, count(*) AS articles -- :notAParameter inside a comment
      FROM articles
      WHERE deleted_at IS NULL AND owner_id = ANY(:owners) AND title <> ':not one either'
      GROUP BY owner_id ORDER BY owner_id""")
  List<OwnerCount> countsFor(Collection<Long> owners);

  @Sql("SELECT count(*) FROM articles WHERE deleted_at IS NULL AND title LIKE :pattern")
  long countTitled(String pattern);

  @Sql("SELECT title || '#' || id::text FROM articles WHERE id = :id AND deleted_at IS NULL")
  Optional<String> labelOf(long id);

  @Sql("UPDATE articles SET title = :title WHERE id = :id AND deleted_at IS NULL")
  int rename(long id, String title);

  /** A null instant guards itself: it is sent as a timestamptz, so {@code :since IS NULL} parses. */
  @Sql("SELECT count(*) FROM articles WHERE deleted_at IS NULL AND (:since IS NULL OR published_at >= :since)")
  long countSince(Instant since);

  /** With RETURNING, a long is the value returned (JDBC cannot count rows it is handed). */
  @Sql("""
      INSERT INTO articles (owner_id, title, published_at, deleted_at)
      VALUES (:ownerId, :title, :publishedAt, :publishedAt) RETURNING id""")
  long addDeleted(long ownerId, String title, Instant publishedAt);
}
