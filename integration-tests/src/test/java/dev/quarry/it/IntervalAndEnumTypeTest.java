package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.QuarryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Duration} as {@code interval} and Java enums as PostgreSQL enum types, on every path. */
class IntervalAndEnumTypeTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static TaskDao dao;

  /** Durations an interval must hold exactly: signs, sub-seconds, days and beyond, the extremes. */
  static final List<Duration> DURATIONS = List.of(Duration.ZERO, Duration.ofMillis(1500), Duration.ofNanos(-1000),
      Duration.ofDays(400).plusNanos(1000), Duration.ofHours(-49).minusSeconds(1).minusNanos(999_999_000),
      Duration.ofSeconds(Long.MAX_VALUE / 1_000_000, 775_807_000), Duration.ofSeconds(Long.MIN_VALUE / 1_000_000, -775_808_000));

  @BeforeAll
  static void schema() {
    pg.apply(TaskSchema.statements());
    pg.apply(TaskSchema.statements());
    dao = new TaskDao(pg.db());
  }

  @BeforeEach
  void empty() {
    pg.sql("TRUNCATE tasks");
  }

  static List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    TaskStatus[] statuses = TaskStatus.values();
    for (int i = 0; i < DURATIONS.size(); i++) {
      Duration d = DURATIONS.get(i);
      tasks.add(new Task((long) i + 1, "t" + i, d, i % 2 == 0 ? null : d.negated(), statuses[i % 3],
          i % 2 == 0 ? statuses[(i + 1) % 3] : null));
    }
    return tasks;
  }

  /** Every write path, each reading back exactly what it was given. */
  @Test
  void everyWritePathStoresTheSameValues() {
    Map<String, Function<List<Task>, List<Task>>> paths = Map.of(
        "insert", in -> in.stream().map(dao::insert).toList(),
        "upsert", in -> in.stream().map(dao::upsert).toList(),
        "upsertByName", in -> in.stream().map(dao::upsertByName).toList(),
        "insertAll", in -> { dao.insertAll(in); return readAll(in); },
        "upsertAll", in -> { dao.upsertAll(in); return readAll(in); },
        "upsertAllByName", in -> { dao.upsertAllByName(in); return readAll(in); },
        "insertAllReturning", dao::insertAllReturning);
    for (var path : paths.entrySet()) {
      pg.sql("TRUNCATE tasks");
      List<Task> in = tasks();
      assertEquals(in, path.getValue().apply(in), path.getKey());
      assertEquals(in, readAll(in), path.getKey() + " then findById");
    }
  }

  @Test
  void updateAndUpsertOverExistingRows() {
    List<Task> in = tasks();
    dao.insertAll(in);
    for (Task t : in) {
      Task changed = new Task(t.id(), t.name(), Duration.ofSeconds(t.id(), 1000), t.timeout(), TaskStatus.DONE, t.status());
      assertEquals(changed, dao.update(changed).orElseThrow());
      Task again = new Task(t.id(), t.name(), t.timeout(), null, TaskStatus.QUEUED, null);
      assertEquals(again, dao.upsert(again));
    }
    assertEquals(in.size(), dao.findByIds(in.stream().map(Task::id).toList()).size());
  }

  static List<Task> readAll(List<Task> in) {
    return in.stream().map(t -> dao.findById(t.id()).orElseThrow()).toList();
  }

  @Test
  void intervalsAreStoredAsMicrosecondsRoundedHalfUp() {
    Task t = dao.insert(new Task(null, "r", Duration.ofSeconds(36 * 3600).plusNanos(1500), Duration.ofNanos(2500),
        TaskStatus.QUEUED, null));
    assertEquals("36:00:00.000002", pg.value("SELECT timeout::text FROM tasks WHERE name = 'r'"));
    assertEquals(Duration.ofNanos(3000), t.grace());
    dao.insertAll(List.of(new Task(null, "s", Duration.ofNanos(3500), Duration.ofNanos(500), TaskStatus.QUEUED, null)));
    assertEquals(Duration.ofNanos(4000), dao.findByName("s").orElseThrow().timeout());
    assertEquals(Duration.ofNanos(1000), dao.findByName("s").orElseThrow().grace());
  }

  @Test
  void daysReadAsTwentyFourHoursAndMonthsAreRefused() {
    pg.sql("INSERT INTO tasks (name, timeout, status) VALUES ('d', interval '2 days 3 hours', 'QUEUED'),"
        + " ('m', interval '1 mon', 'QUEUED')");
    assertEquals(Duration.ofHours(51), dao.findByName("d").orElseThrow().timeout());
    QuarryException e = assertThrows(QuarryException.class, () -> dao.findByName("m"));
    assertEquals("22015", e.sqlState());
    assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    assertTrue(e.getMessage().contains("months"), e.getMessage());
  }

  @Test
  void aDurationBeyondAnIntervalFailsOnEveryPathAndStoresNothing() {
    Task huge = new Task(1L, "h", Duration.ofSeconds(Long.MAX_VALUE), null, TaskStatus.QUEUED, null);
    assertThrows(IllegalArgumentException.class, () -> dao.insert(huge));
    assertThrows(IllegalArgumentException.class, () -> dao.insertAll(List.of(huge)));
    assertThrows(IllegalArgumentException.class, () -> dao.upsertAll(List.of(huge)));
    assertThrows(IllegalArgumentException.class, () -> dao.insertAllReturning(List.of(huge)));
    assertEquals(0L, dao.count());
  }

  @Test
  void theEnumTypeIsCreatedOnceWithTheConstantsInDeclarationOrder() {
    assertEquals("{QUEUED,RUNNING,DONE}", pg.value("SELECT enum_range(NULL::task_status)::text"));
    assertEquals("task_status", pg.value("SELECT pg_typeof(status)::text FROM (SELECT 'DONE'::task_status AS status) s"));
    assertEquals("task_status", pg.value("SELECT data_type = 'USER-DEFINED' AND udt_name = 'task_status' "
        + "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'tasks' "
        + "AND column_name = 'was'").equals(true) ? "task_status" : "not an enum column");
    assertEquals(1L, pg.value("SELECT count(*) FROM pg_type WHERE typname = 'task_status' "
        + "AND typnamespace = current_schema()::regnamespace"));
  }

  @Test
  void enumTypedValuesBindInCustomSqlAndSortInDeclarationOrder() {
    dao.insertAll(tasks());
    List<TaskStatus> statuses = dao.statusesInEnumOrder();
    assertEquals(statuses.stream().sorted().toList(), statuses);
    assertEquals(tasks().stream().filter(t -> t.status() == TaskStatus.RUNNING).toList(),
        dao.inStatus(TaskStatus.RUNNING));
    assertEquals(tasks().stream().filter(t -> t.timeout().compareTo(Duration.ofSeconds(1)) > 0).toList(),
        dao.slowerThan(Duration.ofSeconds(1)));
    assertEquals(DURATIONS.stream().max(Duration::compareTo).orElseThrow(), dao.longestTimeout().orElseThrow());
  }

  @Test
  void theIndexMethodIsTheOneDeclared() {
    assertEquals("CREATE INDEX tasks_timeout_idx ON " + pg.schema() + ".tasks USING brin (timeout)",
        pg.value("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'tasks_timeout_idx'"));
    assertEquals("CREATE INDEX tasks_status_idx ON " + pg.schema() + ".tasks USING btree (status)",
        pg.value("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'tasks_status_idx'"));
  }

  @Test
  void aLabelTheTypeLacksIsRefusedByPostgres() {
    pg.sql("DROP TABLE tasks");
    pg.sql("DROP TYPE task_status");
    pg.sql("CREATE TYPE task_status AS ENUM ('QUEUED', 'RUNNING')");
    pg.apply(TaskSchema.statements());
    try {
      QuarryException e = assertThrows(QuarryException.class,
          () -> dao.insert(new Task(null, "x", Duration.ZERO, null, TaskStatus.DONE, null)));
      assertEquals("22P02", e.sqlState());
      assertThrows(QuarryException.class,
          () -> dao.insertAll(List.of(new Task(null, "x", Duration.ZERO, null, TaskStatus.DONE, null))));
    } finally {
      pg.sql("DROP TABLE tasks");
      pg.sql("DROP TYPE task_status");
      pg.apply(TaskSchema.statements());
    }
  }
}
