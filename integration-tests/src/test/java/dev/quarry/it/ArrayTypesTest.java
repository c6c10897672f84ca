package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.QuarryException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Arrays of every element type, on every write path, in finders and in custom SQL. */
class ArrayTypesTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static ArrayTypesDao dao;

  @BeforeAll
  static void schema() {
    pg.apply(TaskSchema.statements());
    pg.apply(ArrayTypesSchema.statements());
    dao = new ArrayTypesDao(pg.db());
  }

  @BeforeEach
  void empty() {
    pg.sql("TRUNCATE array_types");
  }

  /** Ordinary values, with the characters an array literal must escape. */
  static ArrayTypes full(long id) {
    return new ArrayTypes(id, "n" + id, List.of("a", "b c", "q\"uote", "back\\slash", "{brace}", "com,ma", "NULL", "", "ünï €"),
        List.of(true, false), new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE}, new int[] {Integer.MIN_VALUE, -1, 7},
        List.of(Long.MIN_VALUE, id, Long.MAX_VALUE), new float[] {1.5f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY},
        List.of(Math.PI, -1e300, Double.NEGATIVE_INFINITY), List.of(new BigDecimal("12345678901234567890.1200"),
            new BigDecimal("-0.001"), new BigDecimal("0")),
        new String[] {"x", "tab\there", "new\nline"}, List.of(UUID.randomUUID(), new UUID(0, 0)),
        List.of(Instant.parse("2026-03-04T05:06:07.123456Z"), Instant.parse("1970-01-01T00:00:00Z")),
        new OffsetDateTime[] {OffsetDateTime.parse("1999-12-31T23:59:59.999999Z")},
        List.of(LocalDateTime.parse("2000-01-01T00:00:00.000001")), List.of(LocalDate.parse("0001-01-01"), LocalDate.parse("2026-02-28")),
        new LocalTime[] {LocalTime.MIDNIGHT, LocalTime.parse("23:59:59.999999")},
        List.of(Duration.ofMillis(1500), Duration.ofDays(-3)), List.of(Color.RED, Color.BLUE),
        List.of(TaskStatus.DONE, TaskStatus.QUEUED), List.of("AB-1", "CD-2"),
        Arrays.asList("x", null, "NULL", null), new Long[] {null, 1L}, id % 2 == 0 ? null : List.of(3L, 4L));
  }

  /** Every array empty (which is not NULL), and the nullable ones NULL. */
  static ArrayTypes empties(long id) {
    return new ArrayTypes(id, "e" + id, List.of(), List.of(), new short[0], new int[0], List.of(), new float[0], List.of(),
        List.of(), new String[0], List.of(), List.of(), new OffsetDateTime[0], List.of(), List.of(), new LocalTime[0],
        List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of());
  }

  static List<ArrayTypes> rows() {
    List<ArrayTypes> rows = new ArrayList<>();
    for (long id = 1; id <= 4; id++) {
      rows.add(id % 3 == 0 ? empties(id) : full(id));
    }
    return rows;
  }

  @Test
  void everyWritePathStoresTheSameArrays() {
    Map<String, Function<List<ArrayTypes>, List<ArrayTypes>>> paths = new LinkedHashMap<>();
    paths.put("insert", in -> in.stream().map(dao::insert).toList());
    paths.put("upsert", in -> in.stream().map(dao::upsert).toList());
    paths.put("upsertByName", in -> in.stream().map(dao::upsertByName).toList());
    paths.put("insertAll", in -> { dao.insertAll(in); return readAll(in); });
    paths.put("upsertAll", in -> { dao.upsertAll(in); return readAll(in); });
    paths.put("upsertAllByName", in -> { dao.upsertAllByName(in); return readAll(in); });
    paths.put("insertAllReturning", dao::insertAllReturning);
    paths.put("update", in -> {
      dao.insertAll(in.stream().map(r -> empties(r.id())).toList());
      return in.stream().map(r -> dao.update(r).orElseThrow()).toList();
    });
    for (var path : paths.entrySet()) {
      pg.sql("TRUNCATE array_types");
      List<ArrayTypes> in = rows();
      assertRows(in, path.getValue().apply(in), path.getKey());
      assertRows(in, readAll(in), path.getKey() + ", read back");
      assertRows(in, List.copyOf(dao.findByIds(in.stream().map(ArrayTypes::id).toList()).values()), path.getKey() + ", findByIds");
    }
  }

  @Test
  void emptyAndNullAreDifferentValues() {
    dao.insert(empties(3));
    assertEquals(true, pg.value("SELECT tags = '{}' AND sparse_longs IS NULL AND maybe_longs = '{}' FROM array_types"));
    ArrayTypes back = dao.findById(3L).orElseThrow();
    assertEquals(List.of(), back.tags());
    assertNull(back.sparseLongs());
    dao.insertAll(List.of(full(2)));
    assertNull(dao.findById(2L).orElseThrow().maybeLongs());
    assertEquals(true, pg.value("SELECT maybe_longs IS NULL FROM array_types WHERE id = 2"));
  }

  @Test
  void columnsHaveTheElementTypesArrays() {
    assertEquals("text[] boolean[] smallint[] integer[] bigint[] real[] double precision[] numeric[] text[] uuid[] "
        + "timestamp with time zone[] timestamp with time zone[] timestamp without time zone[] date[] "
        + "time without time zone[] interval[] text[] task_status[] character varying(20)[] text[] bigint[] bigint[]",
        pg.value("SELECT string_agg(format_type(atttypid, atttypmod), ' ' ORDER BY attnum) FROM pg_attribute "
            + "WHERE attrelid = 'array_types'::regclass AND attnum > 2"));
  }

  @Test
  void aNullElementIsRefusedWhereTheElementTypeIsNotNullable() {
    ArrayTypes f = full(1);
    ArrayTypes bad = new ArrayTypes(1, "b", Arrays.asList("a", null), f.flags(), f.smalls(), f.ints(), f.longs(),
        f.reals(), f.doubles(), f.amounts(), f.texts(), f.uuids(), f.instants(), f.offsets(), f.localDateTimes(), f.dates(),
        f.times(), f.durations(), f.colors(), f.statuses(), f.codes(), f.sparse(), f.sparseLongs(), f.maybeLongs());
    for (Runnable path : List.<Runnable>of(() -> dao.insert(bad), () -> dao.update(bad), () -> dao.upsert(bad),
        () -> dao.insertAll(List.of(bad)), () -> dao.upsertAll(List.of(bad)), () -> dao.insertAllReturning(List.of(bad)))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, path::run);
      assertTrue(e.getMessage().contains("ArrayTypes.tags"), e.getMessage());
    }
    assertEquals(0L, dao.count());
    dao.insert(full(1));
    pg.sql("UPDATE array_types SET tags = '{a,NULL}'");
    QuarryException read = assertThrows(QuarryException.class, () -> dao.findById(1L));
    assertEquals("22004", read.sqlState());
  }

  @Test
  void aLongerCodeThanItsVarcharIsNotCut() {
    ArrayTypes f = full(1);
    ArrayTypes longCode = new ArrayTypes(1, "l", f.tags(), f.flags(), f.smalls(), f.ints(), f.longs(), f.reals(),
        f.doubles(), f.amounts(), f.texts(), f.uuids(), f.instants(), f.offsets(), f.localDateTimes(), f.dates(), f.times(),
        f.durations(), f.colors(), f.statuses(), List.of("x".repeat(21)), f.sparse(), f.sparseLongs(), f.maybeLongs());
    assertThrows(QuarryException.class, () -> dao.insertAll(List.of(longCode)));
    assertEquals(0L, dao.count());
    // an excess of spaces, which PostgreSQL would cut silently, is refused on every path too
    ArrayTypes spaces = new ArrayTypes(1, "l", f.tags(), f.flags(), f.smalls(), f.ints(), f.longs(), f.reals(),
        f.doubles(), f.amounts(), f.texts(), f.uuids(), f.instants(), f.offsets(), f.localDateTimes(), f.dates(), f.times(),
        f.durations(), f.colors(), f.statuses(), List.of("x".repeat(20) + "  "), f.sparse(), f.sparseLongs(), f.maybeLongs());
    for (Runnable path : List.<Runnable>of(() -> dao.insert(spaces), () -> dao.upsert(spaces),
        () -> dao.insertAll(List.of(spaces)), () -> dao.upsertAll(List.of(spaces)),
        () -> dao.insertAllReturning(List.of(spaces)))) {
      QuarryException e = assertThrows(QuarryException.class, path::run);
      assertEquals("22001", e.sqlState(), e.getMessage());
    }
    assertEquals(0L, dao.count());
  }

  @Test
  void customSqlBindsAndReadsArrays() {
    List<ArrayTypes> in = rows();
    dao.insertAll(in);
    assertRows(in.stream().filter(r -> r.tags().contains("b c")).toList(), dao.taggedWithAll(new String[] {"b c", "a"}), "@>");
    List<ArrayQueries.Tagged> tagged = dao.withAnyLong(List.of(2L, 4L));
    assertEquals(List.of("n2", "n4"), tagged.stream().map(ArrayQueries.Tagged::name).toList());
    assertEquals(in.get(1).tags(), tagged.get(0).tags());
    assertEquals(in.get(1).longs(), Arrays.stream(tagged.get(0).longs()).boxed().toList());
    assertEquals(in.get(0).uuids(), dao.uuidsOf(1L).orElseThrow());
    assertEquals(1, dao.retag(1L, new String[] {"z", "\"q\""}));
    assertEquals(List.of("z", "\"q\""), dao.findById(1L).orElseThrow().tags());
    // A null array binds as NULL, which this NOT NULL column refuses.
    assertThrows(NotNullViolationException.class, () -> dao.retag(1L, null));
  }

  @Test
  void containmentIsAnsweredFromTheGinIndex() {
    List<ArrayTypes> many = new ArrayList<>();
    for (long id = 1; id <= 2000; id++) {
      ArrayTypes f = empties(id);
      many.add(new ArrayTypes(id, "m" + id, List.of("t" + id % 100, "all"), f.flags(), f.smalls(), f.ints(),
          List.of(id, id + 1), f.reals(), f.doubles(), f.amounts(), f.texts(), f.uuids(), f.instants(), f.offsets(),
          f.localDateTimes(), f.dates(), f.times(), f.durations(), f.colors(), f.statuses(), f.codes(), f.sparse(),
          f.sparseLongs(), f.maybeLongs()));
    }
    dao.insertAll(many);
    pg.sql("VACUUM ANALYZE array_types"); // merges the GIN pending list the bulk load filled
    String plan = plan(ArrayTypesDao.QUERY_TAGGED_WITH_ALL.replace("?", "ARRAY['t7']"));
    assertTrue(plan.contains("array_types_tags_idx"), plan);
    assertEquals("gin", pg.value("SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
        + "WHERE c.relname = 'array_types_tags_idx' AND c.relnamespace = current_schema()::regnamespace"));
    String overlap = plan("SELECT * FROM array_types WHERE longs && ARRAY[5::bigint]");
    assertTrue(overlap.contains("array_types_longs_idx"), overlap);
    assertEquals(20, dao.taggedWithAll(new String[] {"t7"}).size());
  }

  private static String plan(String sql) {
    return pg.db().withConnection(c -> {
      StringBuilder plan = new StringBuilder();
      try (var s = c.createStatement(); var rs = s.executeQuery("EXPLAIN " + sql)) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return plan.toString();
    });
  }

  static List<ArrayTypes> readAll(List<ArrayTypes> in) {
    return in.stream().map(t -> dao.findById(t.id()).orElseThrow()).toList();
  }

  /** Component by component, Java arrays by content, OffsetDateTime as the instant it is. */
  static void assertRows(List<ArrayTypes> expected, List<ArrayTypes> actual, String path) {
    assertEquals(expected.size(), actual.size(), path);
    for (int i = 0; i < expected.size(); i++) {
      for (RecordComponent rc : ArrayTypes.class.getRecordComponents()) {
        Object a = value(rc, expected.get(i));
        Object b = value(rc, actual.get(i));
        assertTrue(Objects.deepEquals(normal(a), normal(b)), path + ": " + rc.getName() + " " + deep(a) + " != " + deep(b));
      }
    }
  }

  private static Object value(RecordComponent rc, Object row) {
    try {
      return rc.getAccessor().invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object normal(Object v) {
    if (v instanceof OffsetDateTime[] a) {
      return Arrays.stream(a).map(o -> o.withOffsetSameInstant(ZoneOffset.UTC)).toArray();
    }
    return v;
  }

  private static String deep(Object v) {
    return v instanceof Object[] a ? Arrays.deepToString(a) : v != null && v.getClass().isArray()
        ? Arrays.deepToString(new Object[] {v}) : String.valueOf(v);
  }
}
