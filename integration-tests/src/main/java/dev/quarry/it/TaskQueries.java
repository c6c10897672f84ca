package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Durations and enum-typed values as @Sql parameters and results. */
@Queries(Task.class)
public interface TaskQueries {
  @Sql("SELECT * FROM tasks WHERE timeout > :longerThan ORDER BY id")
  List<Task> slowerThan(Duration longerThan);

  @Sql("SELECT * FROM tasks WHERE status = :status ORDER BY id")
  List<Task> inStatus(TaskStatus status);

  @Sql("SELECT max(timeout) FROM tasks")
  Optional<Duration> longestTimeout();

  @Sql("SELECT status FROM tasks ORDER BY status, id")
  List<TaskStatus> statusesInEnumOrder();
}
