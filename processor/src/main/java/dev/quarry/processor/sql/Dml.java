package dev.quarry.processor.sql;

import static dev.quarry.processor.sql.Identifiers.quote;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.FullTextModel;
import dev.quarry.processor.model.KeysetModel;
import dev.quarry.processor.model.PartitionModel;
import dev.quarry.processor.model.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The text of every statement a DAO runs. Values are always {@code ?} parameters; columns are
 * listed in one fixed order ({@link #columns()}) so generated code reads them by index.
 *
 * <p>Under {@code @SoftDelete} every read goes through {@link #where(String)}, the one place that
 * adds {@code deleted_at IS NULL}, so no generated read can forget it; the
 * {@link #includingDeleted() including-deleted} variant leaves it out.
 */
public final class Dml {
  private final TableModel table;
  private final boolean includeDeleted;
  private final String from;

  public Dml(TableModel table) {
    this(table, false);
  }

  private Dml(TableModel table, boolean includeDeleted) {
    this.table = table;
    this.includeDeleted = includeDeleted;
    this.from = quote(table.table());
  }

  /** The same statements, reading deleted rows too. */
  public Dml includingDeleted() {
    return new Dml(table, true);
  }

  /** The select list: every column in component order. */
  public String columns() {
    return Ddl.names(table.columns());
  }

  // ---- reads ----

  public String findById() {
    return select() + where(equalsAll(table.key()));
  }

  /** One statement for any number of keys: {@code = ANY(?)} over an array parameter. */
  public String findByIds() {
    return select() + where(quote(table.key().get(0).column()) + " = " + any(table.key().get(0)));
  }

  public String count() {
    return "SELECT count(*)\nFROM " + from + where(null);
  }

  public String existsById() {
    return exists(equalsAll(table.key()));
  }

  /**
   * An offset page in a deterministic order (the keyset order when there is one, else the
   * primary key), so pages neither overlap nor skip rows.
   */
  public String page() {
    String order = table.keyset().map(k -> orderBy(k, false)).orElse(Ddl.names(table.key()));
    return select() + where(null) + "\nORDER BY " + order + "\nLIMIT ? OFFSET ?";
  }

  // ---- keyset pagination ----

  /** The first slice: the order, then LIMIT (size + 1, to learn whether more rows follow). */
  public String firstSlice() {
    KeysetModel k = table.keyset().orElseThrow();
    return select() + where(null) + "\nORDER BY " + orderBy(k, false) + "\nLIMIT ?";
  }

  /**
   * Rows from a position on, the row at it first ({@code >=}): the slice after a cursor. The
   * DAO drops the row at the cursor, and that row is what tells it rows lie before the slice;
   * only when it is gone does the DAO ask ({@link #sliceBefore} for one row). One index seek,
   * as a hand-written keyset statement. The row-value comparison {@code (a, b) >= (?, ?)} is
   * what lets PostgreSQL start an index scan at the cursor; the expanded
   * {@code a > ? OR (a = ? AND b >= ?)} form does not.
   */
  public String sliceAfter() {
    KeysetModel k = table.keyset().orElseThrow();
    return select() + where(seek(k, false, true)) + "\nORDER BY " + orderBy(k, false) + "\nLIMIT ?";
  }

  /** Rows up to a position, the row at it first, nearest first (the DAO reverses them into display order). */
  public String sliceBefore() {
    KeysetModel k = table.keyset().orElseThrow();
    return select() + where(seek(k, true, true)) + "\nORDER BY " + orderBy(k, true) + "\nLIMIT ?";
  }

  /**
   * Rows from a position on, and whether any row lies before it, in one statement: the slice
   * after a cursor that includes its row (the other side of an empty slice), where no row at
   * the cursor can answer. Parameters: the position twice (the probe first), then the limit.
   */
  public String sliceAfterInclusive() {
    return sliceWithProbe(false);
  }

  /** Rows up to a position, and whether any row lies after it, nearest first. */
  public String sliceBeforeInclusive() {
    return sliceWithProbe(true);
  }

  /**
   * The seek, with a last column that says whether rows lie strictly on the other side of the
   * position: an uncorrelated scalar subquery, run once per statement, true or NULL. The probe
   * is written as {@code ORDER BY ... LIMIT 1} in index order rather than {@code EXISTS}, so that
   * its plan is an index seek whatever the parameters: under a generic plan (pgjdbc prepares on
   * the server from the fifth run, and PostgreSQL then plans without the values) an
   * {@code EXISTS} over an inequality is costed as a sequential scan that stops at the first
   * match, which on an append-only table reads nearly all of it. PostgreSQL drops the ORDER BY
   * inside EXISTS, so only a scalar subquery keeps it.
   */
  private String sliceWithProbe(boolean backward) {
    KeysetModel k = table.keyset().orElseThrow();
    String otherSide = "SELECT true FROM " + from + where(seek(k, !backward, false)).replace('\n', ' ')
        + "\n  ORDER BY " + orderBy(k, !backward) + " LIMIT 1";
    String marker = backward ? "quarry_after" : "quarry_before";
    return "SELECT " + columns() + ", (\n  " + otherSide + ") AS " + marker + "\nFROM " + from
        + where(seek(k, backward, true)) + "\nORDER BY " + orderBy(k, backward) + "\nLIMIT ?";
  }

  /**
   * {@code (a, b) > (?, ?)}: after the position in display order, or before it when
   * {@code backward}; {@code >=} or {@code <=} when {@code inclusive}.
   */
  private static String seek(KeysetModel k, boolean backward, boolean inclusive) {
    String columns = Ddl.names(k.columns());
    String marks = k.columns().stream().map(Dml::placeholder).collect(Collectors.joining(", "));
    boolean less = k.descending() != backward;
    return "(" + columns + ") " + (less ? "<" : ">") + (inclusive ? "=" : "") + " (" + marks + ")";
  }

  private static String orderBy(KeysetModel k, boolean reversed) {
    String direction = k.descending() != reversed ? " DESC" : "";
    return k.columns().stream().map(c -> quote(c.column()) + direction).collect(Collectors.joining(", "));
  }

  // ---- partitioned reads ----

  /**
   * Rows whose partition key lies in {@code [from, to)}. The bare key column compared with
   * parameters of its own type is what lets PostgreSQL prune partitions; a function on the key
   * ({@code date_trunc}, a cast) or {@code BETWEEN} would defeat or distort it.
   */
  public String findByKeyBetween() {
    PartitionModel p = table.partitioning().orElseThrow();
    return select() + where(keyRange(p)) + "\nORDER BY " + quote(p.key().column()) + ", " + Ddl.names(table.key());
  }

  public String countByKeyBetween() {
    PartitionModel p = table.partitioning().orElseThrow();
    return "SELECT count(*)\nFROM " + from + where(keyRange(p));
  }

  private static String keyRange(PartitionModel p) {
    String key = quote(p.key().column());
    return key + " >= " + placeholder(p.key()) + " AND " + key + " < " + placeholder(p.key());
  }

  // ---- full-text search ----

  /**
   * Ranked full-text search. {@code websearch_to_tsquery} accepts anything a user types (quotes,
   * {@code or}, {@code -word}) without a syntax error.
   */
  public String search() {
    FullTextModel f = table.fullText().orElseThrow();
    String query = "websearch_to_tsquery(" + Identifiers.literal(f.language()) + ", ?)";
    String vector = quote(f.vectorColumn());
    return select() + where(vector + " @@ " + query) + "\nORDER BY ts_rank(" + vector + ", " + query + ") DESC, "
        + Ddl.names(table.key()) + "\nLIMIT ?";
  }

  public String findBy(List<ColumnModel> columns) {
    return select() + where(equalsAll(columns));
  }

  public String existsBy(List<ColumnModel> columns) {
    return exists(equalsAll(columns));
  }

  /** Rows whose {@code column} is any of an array parameter, in key order. */
  public String findByIn(ColumnModel column) {
    return select() + where(quote(column.column()) + " = " + any(column)) + "\nORDER BY " + quote(column.column())
        + ", " + Ddl.names(table.key());
  }

  /** Rows whose {@code column} equals one value, in primary-key order. */
  public String findByOrdered(ColumnModel column) {
    return select() + where(quote(column.column()) + " = " + placeholder(column)) + "\nORDER BY " + Ddl.names(table.key());
  }

  // ---- single-row writes ----

  /** {@code INSERT ... RETURNING} every column; without the identity when PostgreSQL picks it. */
  public String insert(boolean generatedIdentity) {
    List<ColumnModel> columns = insertColumns(generatedIdentity);
    return "INSERT INTO " + from + " (" + Ddl.names(columns) + ")\nVALUES (" + placeholders(columns) + ")\nRETURNING "
        + columns();
  }

  /** The columns an insert binds, in order. */
  public List<ColumnModel> insertColumns(boolean generatedIdentity) {
    return table.insertable().stream().filter(c -> !(generatedIdentity && c.identity())).toList();
  }

  /**
   * Sets every updatable column by key, on live rows only; bumps the updated timestamp and,
   * under {@code @Version}, checks and bumps the version. Parameters:
   * {@link TableModel#updatable()}, then the key, then the expected version.
   */
  public String update() {
    List<String> sets = new ArrayList<>();
    for (ColumnModel c : table.updatable()) {
      sets.add(quote(c.column()) + " = " + placeholder(c));
    }
    sets.addAll(bookkeeping());
    if (sets.isEmpty()) {
      // Every column is part of the key: nothing to write, but the row is still locked and returned.
      String first = quote(table.key().get(0).column());
      sets.add(first + " = " + first);
    }
    return "UPDATE " + from + "\nSET " + String.join(", ", sets) + live(keyAndVersion()) + "\nRETURNING " + columns();
  }

  /** Deletes by key: removes the row, or under {@code @SoftDelete} stamps it. */
  public String delete() {
    return softDelete(equalsAll(table.key()));
  }

  /** Deletes by key and expected version. Parameters: the key, then the version. */
  public String deleteVersioned() {
    return softDelete(keyAndVersion());
  }

  public String deleteByIds() {
    return softDelete(quote(table.key().get(0).column()) + " = " + any(table.key().get(0)));
  }

  /** Under {@code @SoftDelete}: brings a deleted row back. */
  public String restore() {
    String mark = quote(table.softDelete().orElseThrow().column());
    List<String> sets = new ArrayList<>();
    sets.add(mark + " = NULL");
    sets.addAll(bookkeeping());
    return "UPDATE " + from + "\nSET " + String.join(", ", sets) + "\nWHERE " + equalsAll(table.key()) + " AND " + mark
        + " IS NOT NULL";
  }

  /** Removes the row for good, deleted or not. */
  public String purge() {
    return "DELETE FROM " + from + "\nWHERE " + equalsAll(table.key());
  }

  /**
   * {@code INSERT ... ON CONFLICT (target) DO UPDATE ... RETURNING}: atomic, no read-then-write
   * gap. Keys never change on conflict, the created timestamp keeps its first value, and under
   * {@code @SoftDelete} the conflict target names the partial index's predicate, without which
   * PostgreSQL finds no matching index (42P10).
   */
  public String upsert(List<ColumnModel> target, boolean generatedIdentity) {
    List<ColumnModel> columns = insertColumns(generatedIdentity);
    return "INSERT INTO " + from + " (" + Ddl.names(columns) + ")\nVALUES (" + placeholders(columns) + ")\n"
        + onConflict(target) + "\nRETURNING " + columns();
  }

  // ---- bulk writes ----

  /** Binary COPY into the table: every insertable column, generated keys filled in beforehand. */
  public String copyIn() {
    return "COPY " + from + " (" + Ddl.names(table.insertable()) + ") FROM STDIN (FORMAT binary)";
  }

  /** The columns a new row of an identity table is copied with: all but the identity, which numbers it. */
  public List<ColumnModel> insertableWithoutIdentity() {
    return table.insertable().stream().filter(c -> !c.identity()).toList();
  }

  /** Binary COPY of new rows into an identity table: the identity's default numbers each row as it is stored. */
  public String copyInNew() {
    return "COPY " + from + " (" + Ddl.names(insertableWithoutIdentity()) + ") FROM STDIN (FORMAT binary)";
  }

  /** The session-private staging table a bulk upsert loads first. */
  public String stageName() {
    return Identifiers.name("quarry_stage", table.table());
  }

  /**
   * A temporary table shaped like the insertable columns, gone at commit (or rollback). Its
   * {@code quarry_ordinal} numbers the rows in the order the caller gave them (the client sends
   * it with each row: an identity column would cost a {@code nextval} per row), so that
   * de-duplication can keep the last one given.
   */
  public String createStage() {
    String cols = table.insertable().stream().map(c -> quote(c.column()) + " " + Copying.stageType(c))
        .collect(Collectors.joining(", "));
    return "CREATE TEMP TABLE " + quote(stageName()) + " (" + cols
        + ", quarry_ordinal bigint NOT NULL) ON COMMIT DROP";
  }

  /**
   * Removes from a stage filled in key order by the DAO ({@link #keysInJava}) the rows a later row
   * of their key replaces, which it staged with their ordinal negated: staged all the same, their
   * values were checked as every row's are.
   */
  public String removeReplaced() {
    String delete = "DELETE FROM " + quote(stageName()) + " WHERE quarry_ordinal < 0";
    List<ColumnModel> cast = table.insertable().stream().filter(c -> !Copying.direct(c)).toList();
    if (cast.isEmpty()) {
      return delete;
    }
    // columns staged as text are cast only when read: cast the replaced rows' values as they go,
    // so that a value the column's type refuses fails the call here too
    return "WITH quarry_replaced AS (" + delete + " RETURNING " + cast.stream().map(c -> Copying.fromStage(c) + " AS "
        + quote(c.column())).collect(Collectors.joining(", ")) + ")\nSELECT count(*) FROM quarry_replaced";
  }

  /** Binary COPY into the staging table: the row's position first, then the insertable columns. */
  public String copyStage() {
    return "COPY " + quote(stageName()) + " (quarry_ordinal, " + Ddl.names(table.insertable()) + ") FROM STDIN (FORMAT binary)";
  }

  /**
   * Upserts the staged rows ({@link #lastGiven}) in {@code target} order, so that two batches over
   * the same keys lock rows in the same order and cannot deadlock.
   */
  public String upsertFromStage(List<ColumnModel> target) {
    // Rows the DAO orders in Java are staged in key order already, and read back in it.
    String order = keysInJava(target) ? "" : "\nORDER BY " + Ddl.names(target);
    return "INSERT INTO " + from + " (" + Ddl.names(table.insertable()) + ")\nSELECT " + Ddl.names(table.insertable())
        + "\nFROM " + lastGiven(target) + " AS quarry_last" + order + "\n" + onConflict(target);
  }

  /**
   * The same upsert as {@link #upsertFromStage} as one {@code MERGE}, which PostgreSQL runs as a
   * join: each staged row is looked up once, updated or inserted, with none of
   * {@code ON CONFLICT}'s speculative insertion (a row lock and a confirmation per row). The
   * de-duplicated rows come in key order, as there.
   *
   * <p>Unlike {@code ON CONFLICT}, {@code MERGE} does not wait for a row another transaction
   * inserts after it started: its insert then fails with 23505 (PostgreSQL 15 documentation,
   * 13.2.1 "Read Committed Isolation Level"). The caller runs it under a savepoint and, on
   * 23505, runs {@link #upsertFromStage} instead, which decides such rows itself or reports a
   * conflict on another unique index. The caller also keeps PostgreSQL from hashing the join, so
   * that rows are applied in key order, and runs {@link #upsertFromStage} wherever the two would
   * differ (the runtime's {@code StagedUpsert}).
   */
  public String mergeFromStage(List<ColumnModel> target) {
    String on = target.stream().map(c -> "quarry_row." + quote(c.column()) + " = quarry_last." + quote(c.column()))
        .collect(Collectors.joining(" AND "));
    // A partial unique key (live rows only) is an arbiter only for a proposed row that is live too.
    boolean partial = !target.equals(table.key());
    String live = partial ? table.softDelete().map(d -> " AND quarry_row." + quote(d.column()) + " IS NULL AND quarry_last."
        + quote(d.column()) + " IS NULL").orElse("") : "";
    String values = table.insertable().stream().map(c -> "quarry_last." + quote(c.column())).collect(Collectors.joining(", "));
    return "MERGE INTO " + from + " AS quarry_row\nUSING " + lastGiven(target) + " AS quarry_last\nON " + on + live
        + "\nWHEN MATCHED THEN UPDATE\nSET " + String.join(", ", upsertSets(target, "quarry_last", "quarry_row"))
        + "\nWHEN NOT MATCHED THEN INSERT (" + Ddl.names(table.insertable()) + ")\nVALUES (" + values + ")";
  }

  /**
   * The staged rows de-duplicated, the last one given winning, in key order, as a FROM item. One
   * statement may not propose two rows for one key (SQLSTATE 21000, "cannot affect row a second
   * time").
   * PostgreSQL does it, with {@code DISTINCT ON} over the key in the column types: its equality is
   * the one the unique index uses, so keys Java tells apart but PostgreSQL does not ({@code 8.1}
   * and {@code 8.10}, case under {@code citext}) collapse, and keys Java would merge stay apart. A
   * key with a NULL part never conflicts, so such rows are all kept (each one is inserted). Keys
   * the DAO orders itself ({@link #keysInJava}) are staged in key order, every row given, and
   * those a later row replaces are then removed ({@link #removeReplaced}): the upsert reads the
   * stage as it lies.
   */
  private String lastGiven(List<ColumnModel> target) {
    String values = table.insertable().stream().map(c -> Copying.direct(c) ? quote(c.column())
        : Copying.fromStage(c) + " AS " + quote(c.column())).collect(Collectors.joining(", "));
    if (keysInJava(target)) {
      // staged in key order by the DAO, which then removes the rows later ones replace (removeReplaced)
      boolean cast = table.insertable().stream().anyMatch(c -> !Copying.direct(c));
      return cast ? "(SELECT " + values + " FROM " + quote(stageName()) + ")" : quote(stageName());
    }
    List<String> keys = new ArrayList<>(target.stream().map(Copying::keyFromStage).toList());
    List<ColumnModel> nullable = target.stream().filter(ColumnModel::nullable).toList();
    if (!nullable.isEmpty()) {
      keys.add("CASE WHEN " + nullable.stream().map(c -> quote(c.column()) + " IS NULL")
          .collect(Collectors.joining(" OR ")) + " THEN quarry_ordinal END");
    }
    return "(SELECT DISTINCT ON (" + String.join(", ", keys) + ") " + values + "\n  FROM "
        + quote(stageName()) + "\n  ORDER BY " + String.join(", ", keys) + ", quarry_ordinal DESC)";
  }

  /**
   * Whether the DAO orders the rows of an upsert by {@code target} itself, marks the ones a later
   * row replaces and stages them in key order (the runtime's {@code LastGiven}), so that
   * PostgreSQL need not sort them: when every key column is a {@code smallint}, {@code integer},
   * {@code bigint} or {@code uuid} that is never null once generated keys are filled in (a
   * primitive, an identity, a UUID key). Java's
   * equality and order of such values are PostgreSQL's; of text (collations), numeric
   * ({@code 1.0 = 1.00}) or timestamps (microseconds) they are not.
   */
  public boolean keysInJava(List<ColumnModel> target) {
    return target.stream().allMatch(c -> switch (c.kind()) {
      case SHORT, INT, LONG, UUID -> c.sqlType().equalsIgnoreCase(c.kind().sqlType())
          && (c.primitive() || table.key().contains(c) && (c.identity() || c.kind() == ColumnKind.UUID));
      default -> false;
    });
  }

  /** The table as statements name it, for the runtime to look up ({@code CAST(? AS regclass)}). */
  public String target() {
    return from;
  }

  /** Moves the staged rows into the table, casting columns staged as text. */
  public String insertFromStage() {
    String values = table.insertable().stream().map(Copying::fromStage).collect(Collectors.joining(", "));
    return "INSERT INTO " + from + " (" + Ddl.names(table.insertable()) + ")\nSELECT " + values + " FROM "
        + quote(stageName());
  }

  /**
   * {@code c}'s value as {@link #insertAllReturning} reads it from {@code unnest}. An array column
   * travels as its text literal; one of floats is read as floats first, so that a cast to
   * {@code numeric[]} keeps the 15 digits PostgreSQL's float cast keeps on every other path, not
   * the exact text Java prints.
   */
  private static String unnested(ColumnModel c) {
    String value = "s." + quote(c.column());
    if (!Arrays.castAfterUnnest(c)) {
      return value;
    }
    if (c.kind() == ColumnKind.ARRAY && c.castOnBind()) {
      value = asFloats(value, c);
    }
    return Copying.read(value, c, SqlTypes.castTarget(c.sqlType()));
  }

  /**
   * {@code expr}, an array of {@code c}'s values, read as the floats they are when they are floats
   * ({@code CAST(expr AS float8[])}), so that a cast to {@code numeric} is PostgreSQL's float cast
   * (15 significant digits) also where the array arrives as text: an array column in
   * {@code unnest}, and any array in simple query mode, where pgjdbc writes it into the statement
   * as an untyped literal. Other arrays as they are.
   */
  private static String asFloats(String expr, ColumnModel c) {
    boolean floats = c.valueKind() == ColumnKind.FLOAT || c.valueKind() == ColumnKind.DOUBLE;
    return floats ? "CAST(" + expr + " AS " + c.valueKind().arrayType() + "[])" : expr;
  }

  /** Whether every insertable column can be copied straight into the table. */
  public boolean copiesDirectly() {
    return table.insertable().stream().allMatch(Copying::direct);
  }

  public String dropStage() {
    return "DROP TABLE " + quote(stageName());
  }

  /**
   * One INSERT for many rows: each column travels as one array parameter, and
   * {@code WITH ORDINALITY} keeps the caller's order for RETURNING.
   */
  public String insertAllReturning() {
    List<ColumnModel> columns = table.insertable();
    String arrays = columns.stream().map(c -> "CAST(? AS " + Arrays.unnestType(c) + "[])").collect(Collectors.joining(", "));
    String aliases = columns.stream().map(c -> quote(c.column())).collect(Collectors.joining(", "));
    String values = columns.stream().map(Dml::unnested).collect(Collectors.joining(", "));
    return "INSERT INTO " + from + " (" + aliases + ")\nSELECT " + values + "\nFROM unnest(" + arrays
        + ") WITH ORDINALITY AS s(" + aliases + ", quarry_ordinal)\nORDER BY s.quarry_ordinal\nRETURNING " + columns();
  }

  /**
   * Reserves {@code ?} identity values in one round trip, for bulk rows whose id is null. The
   * sequence is looked up once, in an uncorrelated scalar subquery (an InitPlan): written as a
   * plain argument of {@code nextval}, or in a FROM subquery that PostgreSQL flattens,
   * {@code pg_get_serial_sequence} runs once per row and costs most of a bulk load.
   */
  public Optional<String> nextIdentities() {
    return table.identity().map(c -> "SELECT nextval((SELECT pg_get_serial_sequence(" + Identifiers.literal(from) + ", "
        + Identifiers.literal(c.column()) + ")::regclass))\nFROM generate_series(1, ?)");
  }

  /**
   * Moves the identity's sequence to an id written explicitly ({@code ?}, twice), when the
   * sequence is behind it, so that the next id PostgreSQL chooses cannot collide with it. Run
   * before the write, so that no other session draws that id in between; a sequence already
   * past it is left alone (never moved back). {@code pg_sequence_last_value} is NULL before the
   * first {@code nextval}.
   */
  public Optional<String> advanceIdentity() {
    return table.identity().map(c -> "SELECT setval(s.seq, ?)\nFROM (SELECT pg_get_serial_sequence("
        + Identifiers.literal(from) + ", " + Identifiers.literal(c.column()) + ")::regclass AS seq) AS s\n"
        + "WHERE ? > coalesce(pg_sequence_last_value(s.seq), 0)");
  }

  // ---- pieces ----

  private String onConflict(List<ColumnModel> target) {
    String predicate = table.softDelete().map(d -> " WHERE " + quote(d.column()) + " IS NULL").orElse("");
    boolean partial = !target.equals(table.key());
    return "ON CONFLICT (" + Ddl.names(target) + ")" + (partial ? predicate : "") + " DO UPDATE\nSET "
        + String.join(", ", upsertSets(target, "EXCLUDED", from));
  }

  /**
   * The SET list of an upsert's update: each column from the proposed row ({@code proposed}),
   * then the table's bookkeeping, reading the version from the stored row ({@code stored}).
   */
  private List<String> upsertSets(List<ColumnModel> target, String proposed, String stored) {
    List<String> sets = new ArrayList<>();
    for (ColumnModel c : table.upsertable(target)) {
      sets.add(quote(c.column()) + " = " + proposed + "." + quote(c.column()));
    }
    table.timestamps().ifPresent(t -> sets.add(quote(t.updated().column()) + " = now()"));
    table.version().ifPresent(v -> sets.add(quote(v.column()) + " = " + stored + "." + quote(v.column()) + " + 1"));
    if (sets.isEmpty()) {
      // Nothing but keys: a no-op update still returns the existing row.
      ColumnModel first = target.get(0);
      sets.add(quote(first.column()) + " = " + proposed + "." + quote(first.column()));
    }
    return sets;
  }

  /** {@code updated_at = now()} and {@code version = version + 1}, as the table has them. */
  private List<String> bookkeeping() {
    List<String> sets = new ArrayList<>();
    table.timestamps().ifPresent(t -> sets.add(quote(t.updated().column()) + " = now()"));
    table.version().ifPresent(v -> sets.add(quote(v.column()) + " = " + quote(v.column()) + " + 1"));
    return sets;
  }

  private String softDelete(String condition) {
    if (table.softDelete().isEmpty()) {
      return "DELETE FROM " + from + "\nWHERE " + condition;
    }
    List<String> sets = new ArrayList<>();
    sets.add(quote(table.softDelete().get().column()) + " = now()");
    sets.addAll(bookkeeping());
    return "UPDATE " + from + "\nSET " + String.join(", ", sets) + live(condition);
  }

  /** {@code WHERE condition} on live rows: a write never touches a deleted row. */
  private String live(String condition) {
    return table.softDelete().map(d -> "\nWHERE " + condition + " AND " + quote(d.column()) + " IS NULL")
        .orElse("\nWHERE " + condition);
  }

  /** {@code WHERE condition}, plus the live-row filter on reads unless deleted rows are wanted. */
  private String where(String condition) {
    List<String> parts = new ArrayList<>();
    if (condition != null) {
      parts.add(condition);
    }
    if (!includeDeleted) {
      table.softDelete().ifPresent(d -> parts.add(quote(d.column()) + " IS NULL"));
    }
    return parts.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", parts);
  }

  private String exists(String condition) {
    return "SELECT EXISTS (\n  SELECT 1 FROM " + from + where(condition).replace('\n', ' ') + ")";
  }

  private String keyAndVersion() {
    String where = equalsAll(table.key());
    return table.version().map(v -> where + " AND " + quote(v.column()) + " = ?").orElse(where);
  }

  private String select() {
    return "SELECT " + columns() + "\nFROM " + from;
  }

  private static String equalsAll(List<ColumnModel> columns) {
    return columns.stream().map(c -> quote(c.column()) + " = " + placeholder(c)).collect(Collectors.joining(" AND "));
  }

  private static String placeholders(List<ColumnModel> columns) {
    return columns.stream().map(Dml::placeholder).collect(Collectors.joining(", "));
  }

  /**
   * A parameter marker; with {@code @Column(type = ...)} it carries a cast, because pgjdbc
   * sends strings as {@code varchar}, which PostgreSQL will not assign to {@code jsonb}. The
   * cast is to the type without modifiers ({@link SqlTypes#castTarget}): an explicit cast to
   * {@code varchar(5)} would cut a longer value instead of refusing it. A type PostgreSQL does
   * not ship may be a domain, whose length a cast applies by cutting too: its value is read by
   * the type's input function instead ({@link SqlTypes#fromText}), as COPY reads it.
   */
  static String placeholder(ColumnModel c) {
    if (!c.castOnBind()) {
      return "?";
    }
    String type = SqlTypes.castTarget(c.sqlType());
    if (!Copying.readByInput(c)) {
      return "CAST(" + (c.kind() == ColumnKind.ARRAY ? asFloats("?", c) : "?") + " AS " + type + ")";
    }
    // strings travel as varchar (an array of them as text[]), and are read by the type's input
    return SqlTypes.fromText(c.kind() == ColumnKind.ARRAY ? "CAST(? AS text[])" : "?", type);
  }

  /**
   * {@code ANY(?)} over an array parameter of {@code c}'s values, read in the column's declared
   * type as {@link #placeholder} reads one key ({@code ANY(CAST(? AS numeric[]))}); for strings of
   * a type PostgreSQL does not ship, by the type's input function:
   * {@code ANY(CAST(CAST(CAST(? AS text[]) AS text) AS code8[]))}.
   */
  private static String any(ColumnModel c) {
    if (!c.castOnBind() || c.kind() == ColumnKind.ARRAY) {
      return "ANY(?)";
    }
    String type = SqlTypes.castTarget(c.sqlType()) + "[]";
    if (Copying.readByInput(c)) {
      return "ANY(" + SqlTypes.fromText("CAST(? AS text[])", type) + ")";
    }
    // the keys in the column's type, as placeholder() reads one: a float8 key of a numeric
    // column compared as float8 would miss the row its single-key lookup finds
    return "ANY(CAST(" + asFloats("?", c) + " AS " + type + "))";
  }
}
