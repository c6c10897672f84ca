package dev.quarry.example;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.List;

/** Custom SQL that {@code DocumentDao} implements, named parameters checked at compile time. */
@Queries(Document.class)
public interface DocumentQueries {
  @Sql("SELECT * FROM documents WHERE owner_id = :ownerId AND deleted_at IS NULL ORDER BY created_at DESC LIMIT :limit")
  List<Document> recentByOwner(long ownerId, int limit);

  @Sql("UPDATE documents SET title = :title, updated_at = now() WHERE id = :id")
  int rename(long id, String title);
}
