package dev.quarry.processor.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.processor.check.SqlParameters.Bound;
import dev.quarry.processor.check.SqlParameters.Kind;
import dev.quarry.processor.check.SqlParameters.Outcome;
import dev.quarry.processor.model.ArrayModel;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel.Parameter;
import dev.quarry.processor.sql.Arrays;
import dev.quarry.processor.verify.LocalPostgres;
import dev.quarry.processor.verify.VerifySession;
import dev.quarry.runtime.internal.Binds;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The compile-time check's verdict on each parameter against what happens at run time, on the
 * same PostgreSQL: every Java type the runtime binds (scalars boxed, primitive and null,
 * collections for {@code = ANY}, Java arrays, enums whose names are or are not the enum type's
 * labels) used against a column of every SQL type it might meet (numbers, text, jsonb, an enum
 * type, arrays, interval, uuid, the time types, bytea, domains), in comparisons, assignments and
 * bare expressions. The runtime side binds through the runtime's own binders, chosen by the
 * names the writers emit ({@code Binds.set<accessor>}, {@code setArray} with
 * {@link Arrays#unnestType}, {@code setList} with {@link Arrays#elementType}), and runs the
 * statement; the check must pass exactly the statements that run, and call every failure a
 * parameter type problem, never an invalid statement.
 */
class BindingDifferentialTest {
  enum Mood { HAPPY, SAD }

  /** An enum none of whose names is a label of {@code mood}. */
  enum Color { RED }

  /** A column type of the grid table: {@code c_<name>}. */
  record SqlColumn(String name, String type, String value) {}

  static final List<SqlColumn> COLUMNS = List.of(
      new SqlColumn("bool", "bool", "true"), new SqlColumn("int2", "int2", "7"), new SqlColumn("int4", "int4", "7"),
      new SqlColumn("int8", "int8", "7"), new SqlColumn("float4", "float4", "1.5"),
      new SqlColumn("float8", "float8", "1.5"), new SqlColumn("numeric", "numeric", "7"),
      new SqlColumn("text", "text", "'HAPPY'"), new SqlColumn("varchar", "varchar(40)", "'HAPPY'"),
      new SqlColumn("bpchar", "char(40)", "'HAPPY'"), new SqlColumn("jsonb", "jsonb", "'{\"a\": 1}'"),
      new SqlColumn("json", "json", "'[1]'"), new SqlColumn("mood", "mood", "'HAPPY'"),
      new SqlColumn("uuid", "uuid", "'0b7c8f3e-1d2a-4c5b-9e6f-7a8b9c0d1e2f'"),
      new SqlColumn("timestamptz", "timestamptz", "'2024-01-02 03:04:05+00'"),
      new SqlColumn("timestamp", "timestamp", "'2024-01-02 03:04:05'"), new SqlColumn("date", "date", "'2024-01-02'"),
      new SqlColumn("time", "time", "'03:04:05'"), new SqlColumn("interval", "interval", "'90 seconds'"),
      new SqlColumn("bytea", "bytea", "'\\x0102'"), new SqlColumn("int8s", "int8[]", "'{7}'"),
      new SqlColumn("int4s", "int4[]", "'{7}'"), new SqlColumn("texts", "text[]", "'{HAPPY}'"),
      new SqlColumn("moods", "mood[]", "'{HAPPY}'"), new SqlColumn("instants", "timestamptz[]", "'{2024-01-02}'"),
      new SqlColumn("uuids", "uuid[]", "'{0b7c8f3e-1d2a-4c5b-9e6f-7a8b9c0d1e2f}'"),
      new SqlColumn("dtext", "dtext", "'HAPPY'"), new SqlColumn("dint8", "dint8", "7"),
      new SqlColumn("dinstant", "dinstant", "'2024-01-02 03:04:05+00'"));

  /**
   * A Java type as a DAO binds it: the parameter the checker sees, the runtime's binder, and the
   * values bound at run time (null among them for a reference type).
   */
  record JavaType(String label, Parameter parameter, Binder binder, List<Object> values) {
    boolean collection() {
      return parameter.collection() || parameter.kind() == ColumnKind.ARRAY;
    }
  }

  interface Binder {
    void bind(PreparedStatement ps, int index, Object value) throws Exception;
  }

  /** Forms a marker is used in: {@code %s} is the column. */
  static final List<String> SCALAR_DEFAULT = List.of("SELECT count(*) FROM grid WHERE c_%s = ?");
  static final List<String> SCALAR_MORE = List.of(
      "UPDATE grid SET c_%s = ?",
      "INSERT INTO grid (c_%s) VALUES (?)",
      "SELECT count(*) FROM grid WHERE (? IS NULL OR c_%s = ?)",
      "SELECT count(*) FROM grid WHERE c_%s IS DISTINCT FROM ?",
      "SELECT count(*) FROM grid WHERE c_%s IN (?, ?)",
      "SELECT COALESCE(?, c_%s) FROM grid");
  static final List<String> COLLECTION_DEFAULT = List.of("SELECT count(*) FROM grid WHERE c_%s = ANY(?)");
  static final List<String> COLLECTION_MORE = List.of(
      "SELECT count(*) FROM grid WHERE c_%s <> ALL(?)",
      "UPDATE grid SET c_%s = ?",
      "SELECT count(*) FROM grid WHERE c_%s = ?");
  /** Forms without a column. */
  static final List<String> BARE = List.of(
      "SELECT ? IS NULL", "SELECT now() - ?", "SELECT ? + interval '1 day'", "SELECT ? || 'x'",
      "SELECT CAST(? AS text)", "SELECT ? + 1", "SELECT length(?)", "SELECT ? = 'HAPPY'",
      "SELECT count(*) FROM generate_series(1, 3) WHERE ? IS NOT NULL", "SELECT * FROM unnest(?)",
      "SELECT cardinality(?)", "SELECT ?::int", "SELECT ? @> '{}'::jsonb", "SELECT upper(?)");

  private static VerifySession session;
  private static Connection runtime;

  @BeforeAll
  static void grid() throws Exception {
    String url = LocalPostgres.acquire().url();
    session = VerifySession.open(url);
    try (Statement s = session.connection().createStatement()) {
      s.execute("CREATE TYPE mood AS ENUM ('HAPPY', 'SAD')");
      s.execute("CREATE DOMAIN dtext AS text");
      s.execute("CREATE DOMAIN dint8 AS int8 CHECK (VALUE > 0)");
      s.execute("CREATE DOMAIN dinstant AS timestamptz");
      StringBuilder columns = new StringBuilder();
      StringBuilder values = new StringBuilder();
      for (SqlColumn c : COLUMNS) {
        columns.append(columns.length() == 0 ? "" : ", ").append("c_").append(c.name()).append(' ').append(c.type());
        values.append(values.length() == 0 ? "" : ", ").append(c.value());
      }
      s.execute("CREATE TABLE grid (" + columns + ")");
      s.execute("INSERT INTO grid VALUES (" + values + ")");
    }
    runtime = java.sql.DriverManager.getConnection(url);
    try (Statement s = runtime.createStatement()) {
      s.execute("SET search_path TO " + session.schema());
    }
    runtime.setAutoCommit(false);
  }

  @AfterAll
  static void close() throws SQLException {
    runtime.close();
    session.close();
    LocalPostgres.release();
  }

  /** Every Java type against every column type, compared and (for collections) with {@code = ANY}. */
  @Test
  void everyJavaTypeAgainstEveryColumnAgreesWithTheRuntime() throws Exception {
    assertAgreement(SCALAR_DEFAULT, COLLECTION_DEFAULT, List.of());
  }

  /** The same in assignments, inserts, {@code IS NULL} guards, {@code IN}, {@code COALESCE} and bare expressions. */
  @Test
  @Tag("slow")
  void everyJavaTypeInEveryFormAgreesWithTheRuntime() throws Exception {
    assertAgreement(SCALAR_MORE, COLLECTION_MORE, BARE);
  }

  /**
   * The types the check assumes are the ones the runtime's binders send, for a value and for
   * null: a statement PostgreSQL can only type from its parameter shows which it got.
   */
  @Test
  void theTypesTheCheckAssumesAreTheTypesTheRuntimeSends() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (JavaType t : javaTypes()) {
      Optional<String> assumed = Bound.of(t.parameter()).type();
      for (Object value : t.values()) {
        Optional<String> sent = sentType(t, value);
        if (!sent.equals(assumed)) {
          wrong.add(t.label() + " = " + value + ": the check assumes " + assumed.orElse("no type") + ", the runtime sends "
              + sent.orElse("no type"));
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  private static Optional<String> sentType(JavaType t, Object value) throws Exception {
    runtime.rollback();
    try (PreparedStatement ps = runtime.prepareStatement("SELECT pg_typeof(?)::text")) {
      t.binder().bind(ps, 1, value);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.of(rs.getString(1)).map(BindingDifferentialTest::internalName);
      }
    } catch (SQLException e) {
      // pg_typeof accepts any type; only a parameter sent without one leaves it nothing to go on.
      assertEquals("42P18", e.getSQLState(), e.getMessage());
      runtime.rollback();
      return Optional.empty();
    }
  }

  /** pg_typeof prints SQL names; the binders and the check speak pg_type's. */
  private static String internalName(String sqlName) {
    boolean array = sqlName.endsWith("[]");
    String base = array ? sqlName.substring(0, sqlName.length() - 2) : sqlName;
    String internal = switch (base) {
      case "boolean" -> "bool";
      case "smallint" -> "int2";
      case "integer" -> "int4";
      case "bigint" -> "int8";
      case "real" -> "float4";
      case "double precision" -> "float8";
      case "character varying" -> "varchar";
      case "timestamp with time zone" -> "timestamptz";
      case "timestamp without time zone" -> "timestamp";
      case "time without time zone" -> "time";
      default -> base;
    };
    return array ? "_" + internal : internal;
  }

  private static void assertAgreement(List<String> scalarForms, List<String> collectionForms, List<String> bare)
      throws Exception {
    List<String> disagreements = new ArrayList<>();
    int cases = 0;
    for (JavaType t : javaTypes()) {
      List<String> statements = new ArrayList<>();
      for (String form : t.collection() ? collectionForms : scalarForms) {
        for (SqlColumn c : COLUMNS) {
          statements.add(form.formatted(c.name()));
        }
      }
      statements.addAll(bare);
      for (String sql : statements) {
        cases++;
        String disagreement = compare(t, sql);
        if (disagreement != null) {
          disagreements.add(disagreement);
        }
      }
    }
    assertTrue(cases > 500, "cases: " + cases);
    if (!disagreements.isEmpty()) {
      fail(disagreements.size() + " of " + cases + " disagree:\n" + String.join("\n", disagreements));
    }
  }

  /**
   * Null when the check and the runtime agree on {@code sql} with {@code t}; else what each said.
   * A statement PostgreSQL can type with its parameters sent untyped is valid for a parameter of
   * the type it infers, so its failure with {@code t} must be called the parameter's.
   */
  private static String compare(JavaType t, String sql) throws Exception {
    int markers = (int) sql.chars().filter(ch -> ch == '?').count();
    List<Bound> bounds = new ArrayList<>();
    for (int i = 0; i < markers; i++) {
      bounds.add(Bound.of(t.parameter()));
    }
    Outcome verdict = SqlParameters.describe(session.connection(), sql, bounds);
    SQLException failure = null;
    for (Object value : t.values()) {
      failure = failure != null ? failure : run(t, sql, markers, value);
    }
    boolean checked = verdict.problem() == null;
    if (checked && failure == null) {
      return null;
    }
    if (checked && failure.getSQLState().startsWith("22") && bounds.get(0).type().isPresent()) {
      return null; // a typed value PostgreSQL refuses ('abc'::int, out of range): the value's fault, not the type's
    }
    if (!checked && failure != null) {
      // The statement is valid for a parameter of the right type: a failure is the parameter's.
      boolean validForSomeType = SqlParameters.describe(session.connection(), sql, bounds.stream()
          .map(b -> new Bound(b.name(), b.javaType(), Optional.empty(), List.of(), b.natural())).toList())
          .problem() == null;
      return verdict.problem().kind() == Kind.PARAMETER_TYPE || !validForSomeType ? null
          : t.label() + " in " + sql + ": the check calls it invalid (" + verdict.problem().cause().getMessage()
              + "), but it fails at run time for its type: " + failure.getMessage();
    }
    return t.label() + " in " + sql + ": " + (checked ? "the check passes it, but at run time: " + failure.getMessage()
        : "the check refuses it (" + verdict.problem().parts() + " " + verdict.problem().cause().getMessage()
            + "), but it runs");
  }

  /** Runs {@code sql} with every marker bound to {@code value} by the runtime's binder; the failure, or null. */
  private static SQLException run(JavaType t, String sql, int markers, Object value) throws Exception {
    try (PreparedStatement ps = runtime.prepareStatement(sql)) {
      for (int i = 1; i <= markers; i++) {
        t.binder().bind(ps, i, value);
      }
      if (ps.execute()) {
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }
      return null;
    } catch (SQLException e) {
      return e;
    } finally {
      runtime.rollback();
    }
  }

  /**
   * Reading: each Java type's reader ({@code Reads.get<accessor>}, as the writers emit it) on a
   * column of every type holding a typical value. What the check lets through must read; what it
   * refuses must fail, or read something else than PostgreSQL's own cast to the Java type's SQL
   * type gives (pgjdbc reads any column as bytes, and 1.5 as the int 1), or have no such cast.
   */
  @Test
  void everyReaderAgainstEveryColumnAgreesWithTheRuntime() throws Exception {
    java.util.function.Function<String, SqlResults.SqlType> types = SqlResults.lookup(session.connection());
    List<String> disagreements = new ArrayList<>();
    for (ColumnKind kind : ColumnKind.values()) {
      if (kind == ColumnKind.JSON) {
        continue; // read through the application's JSON codec, which this test has none of
      }
      List<ColumnModel> readers = kind == ColumnKind.ARRAY
          ? java.util.Arrays.stream(ColumnKind.values()).filter(k -> k.isScalar() && k != ColumnKind.BYTES)
              .map(BindingDifferentialTest::arrayColumn).toList()
          : List.of(column(kind, false));
      for (ColumnModel reader : readers) {
        for (SqlColumn c : COLUMNS) {
          Read read = read(reader, "c_" + c.name());
          boolean readable = SqlResults.readable(reader, types.apply(read.type()));
          String label = reader.kind() == ColumnKind.ARRAY ? reader.valueKind() + "[]" : reader.kind().toString();
          if (readable && read.failure() != null) {
            disagreements.add(label + " from " + c.type() + ": the check passes it, but reading fails: " + read.failure());
          } else if (!readable && read.failure() == null) {
            String natural = reader.kind() == ColumnKind.ARRAY ? reader.valueKind().sqlType() + "[]" : kind.sqlType();
            Read cast = read(reader, "CAST(c_" + c.name() + " AS " + natural + ")");
            if (cast.failure() == null && java.util.Objects.deepEquals(cast.value(), read.value())
                && !FOR_SOME_VALUES.contains(label + " " + c.name())) {
              disagreements.add(label + " from " + c.type() + ": the check refuses it, but it reads as "
                  + read.value() + ", as CAST gives");
            }
          }
        }
      }
    }
    assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
  }

  /**
   * Pairs the check refuses although the grid's value reads as PostgreSQL casts it: text read as
   * bytes is its UTF-8, where {@code CAST(AS bytea)} reads backslash escapes, so they part on
   * other values.
   */
  private static final java.util.Set<String> FOR_SOME_VALUES = java.util.Set.of("BYTES text", "BYTES varchar",
      "BYTES bpchar", "BYTES dtext");

  /** A column's type and what a reader made of its value. */
  record Read(String type, Object value, Exception failure) {}

  private static Read read(ColumnModel reader, String expression) throws SQLException {
    runtime.rollback();
    try (Statement s = runtime.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expression + " FROM grid")) {
      String type = rs.getMetaData().getColumnTypeName(1);
      rs.next();
      try {
        return new Read(type, read(reader, rs), null);
      } catch (Exception e) {
        return new Read(type, null, e);
      }
    } catch (SQLException e) {
      runtime.rollback();
      return new Read("?", null, e);
    }
  }

  private static Object read(ColumnModel c, ResultSet rs) throws Exception {
    if (c.kind() == ColumnKind.ARRAY) {
      ColumnKind element = c.valueKind();
      return dev.quarry.runtime.internal.Reads.getList(rs, 1, e -> readScalar(element, e, 2), true);
    }
    return readScalar(c.kind(), rs, 1);
  }

  private static Object readScalar(ColumnKind kind, ResultSet rs, int index) throws SQLException {
    try {
      if (kind == ColumnKind.ENUM) {
        return dev.quarry.runtime.internal.Reads.getEnum(rs, index, Mood::valueOf);
      }
      return dev.quarry.runtime.internal.Reads.class.getMethod("get" + kind.accessor(), ResultSet.class, int.class)
          .invoke(null, rs, index);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Every Java type a parameter can have, as a DAO binds it. */
  static List<JavaType> javaTypes() throws Exception {
    List<JavaType> types = new ArrayList<>();
    Object[][] scalars = {
        {ColumnKind.BOOLEAN, true}, {ColumnKind.SHORT, (short) 7}, {ColumnKind.INT, 7}, {ColumnKind.LONG, 7L},
        {ColumnKind.FLOAT, 1.5f}, {ColumnKind.DOUBLE, 1.5d}, {ColumnKind.BIG_DECIMAL, new BigDecimal("7")},
        {ColumnKind.STRING, "HAPPY"}, {ColumnKind.UUID, UUID.fromString("0b7c8f3e-1d2a-4c5b-9e6f-7a8b9c0d1e2f")},
        {ColumnKind.INSTANT, Instant.parse("2024-01-02T03:04:05Z")},
        {ColumnKind.OFFSET_DATE_TIME, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))},
        {ColumnKind.LOCAL_DATE_TIME, LocalDateTime.of(2024, 1, 2, 3, 4, 5)},
        {ColumnKind.LOCAL_DATE, LocalDate.of(2024, 1, 2)}, {ColumnKind.LOCAL_TIME, LocalTime.of(3, 4, 5)},
        {ColumnKind.BYTES, new byte[] {1, 2}}, {ColumnKind.ENUM, Mood.HAPPY}, {ColumnKind.ENUM, Color.RED},
        {ColumnKind.DURATION, Duration.ofSeconds(90)}};
    for (Object[] s : scalars) {
      ColumnKind kind = (ColumnKind) s[0];
      Object value = s[1];
      String name = value.getClass().getSimpleName();
      List<String> constants = value instanceof Enum<?> e
          ? java.util.Arrays.stream(e.getDeclaringClass().getEnumConstants()).map(Enum::name).toList() : List.of();
      if (isPrimitive(kind)) {
        types.add(new JavaType(primitiveName(kind), parameter(kind, true, false, constants),
            (ps, i, v) -> primitiveSetter(kind).invoke(ps, i, v), List.of(value)));
      }
      Method binder = boxedSetter(kind);
      types.add(new JavaType(name, parameter(kind, false, false, constants), (ps, i, v) -> invoke(binder, ps, i, v),
          java.util.Arrays.asList(value, null)));
      if (kind != ColumnKind.BYTES) {
        ColumnModel element = column(kind, false);
        types.add(new JavaType("List<" + name + ">", new Parameter("p", kind, true, element, false, List.of()),
            (ps, i, v) -> Binds.setArray(ps, i, Arrays.unnestType(element), (List<?>) v, "grid.p"),
            List.of(List.of(value))));
        ColumnModel array = arrayColumn(kind);
        types.add(new JavaType(name + "[]", new Parameter("p", ColumnKind.ARRAY, false, array, false, List.of()),
            (ps, i, v) -> Binds.setList(ps, i, Arrays.elementType(array), (List<?>) v, "grid.p"),
            java.util.Arrays.asList(List.of(value), null)));
      }
    }
    return types;
  }

  private static void invoke(Method binder, PreparedStatement ps, int i, Object v) throws Exception {
    try {
      if (binder.getParameterCount() == 4) {
        binder.invoke(null, ps, i, v, "grid.p");
      } else {
        binder.invoke(null, ps, i, v);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** {@code Binds.set<accessor>}, the binder the writers call for a boxed or object value of {@code kind}. */
  private static Method boxedSetter(ColumnKind kind) {
    for (Method m : Binds.class.getMethods()) {
      // not the varchar(n) overload, which takes the column's length as well
      if (m.getName().equals("set" + kind.accessor()) && m.getParameterCount() <= 4) {
        return m;
      }
    }
    throw new AssertionError("no Binds.set" + kind.accessor());
  }

  /** {@code ps.setLong(...)}: what the writers emit for a primitive. */
  private static Method primitiveSetter(ColumnKind kind) throws NoSuchMethodException {
    Class<?> type = switch (kind) {
      case BOOLEAN -> boolean.class;
      case SHORT -> short.class;
      case INT -> int.class;
      case LONG -> long.class;
      case FLOAT -> float.class;
      default -> double.class;
    };
    return PreparedStatement.class.getMethod("set" + (kind == ColumnKind.INT ? "Int" : kind.accessor()), int.class,
        type);
  }

  private static boolean isPrimitive(ColumnKind kind) {
    return kind == ColumnKind.BOOLEAN || kind == ColumnKind.SHORT || kind == ColumnKind.INT || kind == ColumnKind.LONG
        || kind == ColumnKind.FLOAT || kind == ColumnKind.DOUBLE;
  }

  private static String primitiveName(ColumnKind kind) {
    return kind == ColumnKind.INT ? "int" : kind.accessor().toLowerCase(java.util.Locale.ROOT);
  }

  private static Parameter parameter(ColumnKind kind, boolean primitive, boolean collection, List<String> constants) {
    return new Parameter("p", kind, collection, column(kind, primitive), false, constants);
  }

  /** A stand-in column as the reader makes for a parameter: no element, no javac type. */
  static ColumnModel column(ColumnKind kind, boolean primitive) {
    return new ColumnModel(null, "p", "p", null, kind, primitive, !primitive, kind.sqlType(), false, false, false,
        false);
  }

  static ColumnModel arrayColumn(ColumnKind element) {
    return new ColumnModel(null, "p", "p", null, ColumnKind.ARRAY, false, true, element.sqlType() + "[]", false, false,
        false, false, Optional.of(new ArrayModel(element, null, true, false)), Optional.empty());
  }
}
