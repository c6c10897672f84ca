package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.List;
import java.util.stream.Stream;

/** The same rows as a stream and as a list. */
@Queries(Tick.class)
public interface TickQueries {
  @Sql("SELECT id, label FROM ticks WHERE id >= :from ORDER BY id")
  Stream<Tick> streamFrom(long from);

  @Sql("SELECT id, label FROM ticks WHERE id >= :from ORDER BY id")
  List<Tick> listFrom(long from);

  @Sql("DELETE FROM ticks WHERE id >= :from RETURNING id, label")
  Stream<Tick> deleteFrom(long from);

  /** Fails with division by zero (22012) when the cursor reaches row {@code at}. */
  @Sql("SELECT id, (1 / (:at - id))::text AS label FROM ticks ORDER BY id")
  Stream<Tick> failingAt(long at);
}
