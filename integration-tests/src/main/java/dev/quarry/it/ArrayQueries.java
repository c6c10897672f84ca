package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Arrays as @Sql parameters and results. */
@Queries(ArrayTypes.class)
public interface ArrayQueries {
  /** A projection with array components. */
  record Tagged(String name, List<String> tags, long[] longs) {}

  /** {@code @>} answered from the GIN index on tags. */
  @Sql("SELECT * FROM array_types WHERE tags @> :wanted ORDER BY id")
  List<ArrayTypes> taggedWithAll(String[] wanted);

  @Sql("SELECT name, tags, array_to_string(ints, ',') AS x, longs FROM array_types WHERE longs && :any ORDER BY id")
  List<Tagged> withAnyLong(List<Long> any);

  @Sql("SELECT uuids FROM array_types WHERE id = :id")
  Optional<List<UUID>> uuidsOf(long id);

  @Sql("UPDATE array_types SET tags = :tags WHERE id = :id")
  int retag(long id, String[] tags);
}
