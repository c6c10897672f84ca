package dev.quarry.runtime.internal;

import static dev.quarry.runtime.internal.SqlNames.quote;

import dev.quarry.runtime.TableDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares table definitions with the live catalog and says, for each difference, how to
 * remove it: statements that are safe on a busy table (each tagged with the phase it runs in),
 * or a manual step with the reason and the safe recipe. {@code Schema.diff} reports the lines,
 * {@code Schema.plan} orders the statements.
 */
public final class SchemaComparison {
  /** The order statements run in; see {@link Step}. */
  public static final int CREATE = 1;
  public static final int COLUMNS = 2;
  public static final int ADD_NOT_VALID = 3;
  public static final int VALIDATE = 4;
  public static final int SET_NOT_NULL = 5;
  public static final int DROP_INVALID_INDEX = 6;
  public static final int CREATE_INDEX = 7;

  /** One statement of a plan and the phase it belongs to. */
  public record Step(int phase, String sql) {}

  /** One difference: its line for {@code diff}, the statements that fix it, the manual steps it needs. */
  public record Finding(String difference, List<Step> steps, List<String> manual) {}

  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

  private final Connection c;
  private final Instant now;
  private final List<Finding> findings = new ArrayList<>();

  private SchemaComparison(Connection c, Instant now) {
    this.c = c;
    this.now = now;
  }

  /** Every difference between {@code tables} and the database {@code c} reaches. */
  public static List<Finding> compare(Connection c, List<TableDefinition> tables, Instant now) throws SQLException {
    SchemaComparison comparison = new SchemaComparison(c, now);
    for (TableDefinition table : tables) {
      Optional<LiveTable> live = LiveTable.read(c, table.name());
      if (live.isEmpty()) {
        comparison.missingTable(table);
      } else {
        comparison.compare(table, live.get(), ExpectedShape.of(c, table));
      }
    }
    return comparison.findings;
  }

  private void add(String difference, List<Step> steps, String... manual) {
    findings.add(new Finding(difference, steps, List.of(manual)));
  }

  private void missingTable(TableDefinition table) {
    List<Step> steps = new ArrayList<>();
    for (String statement : table.statements()) {
      steps.add(new Step(CREATE, statement));
    }
    List<String> manual = new ArrayList<>();
    table.partitioning().filter(p -> p.strategy().equals("RANGE")).ifPresent(p -> {
      if (p.manager().equals("BUILT_IN")) {
        for (String partition : RangeWindow.statements(table, p, now)) {
          steps.add(new Step(CREATE, partition));
        }
      } else {
        manual.add("table " + table.name() + ": its RANGE partitions are pg_partman's; run partitions().maintain() "
            + "once after this migration so pg_partman creates them, or inserts find no partition");
      }
    });
    findings.add(new Finding("table " + table.name() + " is missing", steps, manual));
  }

  private void compare(TableDefinition table, LiveTable live, ExpectedShape shape) {
    String t = table.name();
    comparePartitioning(table, live);
    Set<String> expectedColumns = new HashSet<>();
    for (TableDefinition.Column column : table.columns()) {
      expectedColumns.add(column.name());
      LiveTable.Column actual = live.columns().get(column.name());
      if (actual == null) {
        missingColumn(table, column, shape);
      } else {
        compareColumn(table, column, actual, shape);
      }
    }
    for (LiveTable.Column extra : live.columns().values()) {
      if (!expectedColumns.contains(extra.name())) {
        extraColumn(t, extra);
      }
    }
    comparePrimaryKey(table, live);
    for (TableDefinition.Check check : table.checks()) {
      compareCheck(table, check, live, shape);
    }
    for (TableDefinition.ForeignKey fk : table.foreignKeys()) {
      compareForeignKey(table, fk, live);
    }
    for (TableDefinition.Index index : table.indexes()) {
      compareIndex(table, index, live, shape);
    }
  }

  private void comparePartitioning(TableDefinition table, LiveTable live) {
    Optional<String> expected = table.partitioning().map(p -> p.strategy() + " (" + p.column() + ")");
    if (expected.equals(live.partitioning())) {
      return;
    }
    String t = table.name();
    String found = live.partitioning().map(p -> "partitioned by " + p).orElse("not partitioned");
    String wanted = expected.map(p -> "partitioned by " + p).orElse("not partitioned");
    String recipe = live.partitioning().isEmpty()
        ? "move it with " + "partitions().migrate(<Record>Schema.statements(), 10_000), which renames the table aside, "
            + "creates the partitioned one and moves rows in batches"
        : "create the new table under another name, move rows in batches, then swap the names in one transaction";
    add("table " + t + " is " + found + ", the record declares " + wanted, List.of(),
        "table " + t + ": changing partitioning rewrites every row; " + recipe);
  }

  private void missingColumn(TableDefinition table, TableDefinition.Column column, ExpectedShape shape) {
    String t = table.name();
    String type = shape.types().getOrDefault(column.name(), column.type());
    String difference = "table " + t + ": column " + column.name() + " is missing (expected " + type
        + (column.nullable() ? "" : " NOT NULL") + ")";
    String add = "ALTER TABLE " + quote(t) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + " " + column.type();
    if (column.generated().isPresent() || column.identity()) {
      add(difference, List.of(), "table " + t + ": adding the " + (column.identity() ? "identity" : "generated")
          + " column " + column.name() + " rewrites the whole table under an ACCESS EXCLUSIVE lock; run in a quiet "
          + "moment: " + add + (column.identity() ? " GENERATED BY DEFAULT AS IDENTITY"
              : " GENERATED ALWAYS AS (" + column.generated().get() + ") STORED"));
    } else if (column.nullable()) {
      add(difference, List.of(new Step(COLUMNS, add + column.defaultValue().map(d -> " DEFAULT " + d).orElse(""))));
    } else if (column.defaultValue().isPresent()) {
      // PostgreSQL 11+ stores a non-volatile default in the catalog: no rewrite, a brief lock.
      add(difference, List.of(new Step(COLUMNS, add + " DEFAULT " + column.defaultValue().get() + " NOT NULL")));
    } else {
      add(difference, List.of(new Step(COLUMNS, add)), "table " + t + ": column " + column.name() + " is NOT NULL "
          + "without a default, so existing rows have no value for it; it is added nullable: fill it (UPDATE "
          + quote(t) + " SET " + quote(column.name()) + " = ... in batches), then plan again and the NOT NULL is "
          + "added through a validated CHECK");
    }
  }

  private void compareColumn(TableDefinition table, TableDefinition.Column column, LiveTable.Column actual,
      ExpectedShape shape) {
    String t = table.name();
    String col = quote(column.name());
    String alter = "ALTER TABLE " + quote(t) + " ALTER COLUMN " + col;
    String expectedType = shape.types().getOrDefault(column.name(), column.type());
    if (!expectedType.equals(actual.type())) {
      String difference = "table " + t + ": column " + column.name() + " is " + actual.type() + ", the record expects "
          + expectedType;
      if (widensWithoutRewrite(actual.type(), expectedType)) {
        add(difference, List.of(new Step(COLUMNS, alter + " TYPE " + column.type())));
      } else {
        add(difference, List.of(), "table " + t + ": changing column " + column.name() + " from " + actual.type()
            + " to " + expectedType + " rewrites the table under an ACCESS EXCLUSIVE lock; instead add a column of "
            + "the new type, fill it in batches, move reads and writes to it, then drop the old one");
      }
    }
    if (column.identity() != actual.identity()) {
      add("table " + t + ": column " + column.name() + (actual.identity() ? " is" : " is not")
          + " an identity column, the record expects the opposite", List.of(), "table " + t + ": " + alter
          + (column.identity() ? " ADD GENERATED BY DEFAULT AS IDENTITY" : " DROP IDENTITY")
          + ", after checking no writer depends on the current behaviour");
    }
    if (column.generated().isPresent() != (actual.generated() != null)
        || (actual.generated() != null && !actual.generated().equals(shape.generated().get(column.name())))) {
      add("table " + t + ": column " + column.name() + " is not generated as the record declares", List.of(),
          "table " + t + ": recreate the generated column " + column.name() + " (DROP COLUMN, then ADD COLUMN ... "
              + "GENERATED ALWAYS AS (...) STORED), which rewrites the table; run it in a quiet moment");
    }
    compareNullability(table, column, actual);
    if (!column.identity() && column.generated().isEmpty()) {
      String expectedDefault = column.defaultValue().map(d -> shape.defaults().getOrDefault(column.name(), d)).orElse(null);
      if (expectedDefault == null ? actual.defaultValue() != null : !expectedDefault.equals(actual.defaultValue())) {
        add("table " + t + ": column " + column.name() + " has default " + Optional.ofNullable(actual.defaultValue())
                .orElse("none") + ", the record expects " + Optional.ofNullable(expectedDefault).orElse("none"),
            List.of(new Step(COLUMNS, alter + column.defaultValue().map(d -> " SET DEFAULT " + d).orElse(" DROP DEFAULT"))));
      }
    }
  }

  /**
   * NOT NULL without scanning under an exclusive lock: a {@code CHECK (c IS NOT NULL) NOT VALID}
   * is added instantly, validated under a lock that lets writes through, and then
   * {@code SET NOT NULL} finds the valid check and skips its own scan (PostgreSQL 12+).
   */
  private void compareNullability(TableDefinition table, TableDefinition.Column column, LiveTable.Column actual) {
    String t = table.name();
    String alter = "ALTER TABLE " + quote(t);
    if (column.nullable() && actual.notNull() && !table.primaryKey().contains(column.name())) {
      add("table " + t + ": column " + column.name() + " is NOT NULL, the record allows null",
          List.of(new Step(COLUMNS, alter + " ALTER COLUMN " + quote(column.name()) + " DROP NOT NULL")));
    } else if (!column.nullable() && !actual.notNull()) {
      String check = quote(SqlNames.name(t + "_" + column.name(), "not_null"));
      add("table " + t + ": column " + column.name() + " allows null, the record expects NOT NULL", List.of(
          new Step(ADD_NOT_VALID, alter + " ADD CONSTRAINT " + check + " CHECK (" + quote(column.name())
              + " IS NOT NULL) NOT VALID"),
          new Step(VALIDATE, alter + " VALIDATE CONSTRAINT " + check),
          new Step(SET_NOT_NULL, alter + " ALTER COLUMN " + quote(column.name()) + " SET NOT NULL"),
          new Step(SET_NOT_NULL, alter + " DROP CONSTRAINT " + check)));
    }
  }

  private void extraColumn(String t, LiveTable.Column extra) {
    List<Step> steps = new ArrayList<>();
    String relax = "";
    if (extra.notNull() && extra.defaultValue() == null && !extra.identity() && extra.generated() == null) {
      // The DAO's inserts no longer name it: without this they would fail on NOT NULL.
      steps.add(new Step(COLUMNS, "ALTER TABLE " + quote(t) + " ALTER COLUMN " + quote(extra.name()) + " DROP NOT NULL"));
      relax = " (its NOT NULL is dropped, so inserts that no longer name it succeed)";
    }
    add("table " + t + ": column " + extra.name() + " is not in the record", steps,
        "table " + t + ": column " + extra.name() + " is not dropped automatically" + relax + "; once no running "
            + "version reads it, ALTER TABLE " + quote(t) + " DROP COLUMN " + quote(extra.name()) + " (if it was "
            + "renamed, copy its values into the new column first: a rename cannot be told from a drop and an add)");
  }

  private void comparePrimaryKey(TableDefinition table, LiveTable live) {
    String t = table.name();
    Optional<LiveTable.Constraint> pk = live.constraints().values().stream().filter(k -> k.type() == 'p').findFirst();
    if (pk.isPresent() && pk.get().columns().equals(table.primaryKey())) {
      return;
    }
    String found = pk.map(k -> "(" + String.join(", ", k.columns()) + ")").orElse("none");
    add("table " + t + ": primary key is " + found + ", the record expects (" + String.join(", ", table.primaryKey())
        + ")", List.of(), "table " + t + ": a new primary key locks the table while it checks every row; build it "
        + "first: CREATE UNIQUE INDEX CONCURRENTLY " + quote(table.primaryKeyName() + "_new") + " ON " + quote(t) + " ("
        + names(table.primaryKey()) + "), then in one short transaction drop the old key and ALTER TABLE " + quote(t)
        + " ADD CONSTRAINT " + quote(table.primaryKeyName()) + " PRIMARY KEY USING INDEX "
        + quote(table.primaryKeyName() + "_new") + " (after each key column is NOT NULL)");
  }

  private void compareCheck(TableDefinition table, TableDefinition.Check check, LiveTable live, ExpectedShape shape) {
    String t = table.name();
    String alter = "ALTER TABLE " + quote(t);
    String name = quote(check.name());
    LiveTable.Constraint actual = live.constraints().get(check.name());
    String expected = shape.checks().getOrDefault(check.name(), "CHECK (" + check.expression() + ")");
    String add = " ADD CONSTRAINT " + name + " CHECK (" + check.expression() + ") NOT VALID";
    if (actual == null) {
      add("table " + t + ": check constraint " + check.name() + " is missing", List.of(
          new Step(ADD_NOT_VALID, alter + add), new Step(VALIDATE, alter + " VALIDATE CONSTRAINT " + name)));
    } else if (shape.exact() && !actual.definition().replace(" NOT VALID", "").equals(expected)) {
      add("table " + t + ": check constraint " + check.name() + " is " + actual.definition() + ", the record expects "
          + expected, List.of(new Step(ADD_NOT_VALID, alter + " DROP CONSTRAINT " + name + "," + add),
          new Step(VALIDATE, alter + " VALIDATE CONSTRAINT " + name)));
    } else if (!actual.validated()) {
      add("table " + t + ": check constraint " + check.name() + " is not validated",
          List.of(new Step(VALIDATE, alter + " VALIDATE CONSTRAINT " + name)));
    }
  }

  /**
   * A new foreign key is added {@code NOT VALID} (no scan, a brief lock) and then validated under
   * a lock that lets writes through. PostgreSQL 15 refuses {@code NOT VALID} foreign keys on a
   * partitioned table, so there it is added in one statement, bounded by {@code lock_timeout}.
   */
  private void compareForeignKey(TableDefinition table, TableDefinition.ForeignKey fk, LiveTable live) {
    String t = table.name();
    String alter = "ALTER TABLE " + quote(t);
    String name = quote(fk.name());
    LiveTable.Constraint actual = live.constraints().get(fk.name());
    String definition = " ADD CONSTRAINT " + name + " FOREIGN KEY (" + quote(fk.column()) + ") REFERENCES "
        + quote(fk.targetTable()) + " (" + quote(fk.targetColumn()) + ")"
        + (fk.onDelete().equals("NO ACTION") ? "" : " ON DELETE " + fk.onDelete());
    boolean partitioned = table.partitioning().isPresent();
    List<Step> steps = partitioned ? List.of(new Step(ADD_NOT_VALID, alter + definition))
        : List.of(new Step(ADD_NOT_VALID, alter + definition + " NOT VALID"),
            new Step(VALIDATE, alter + " VALIDATE CONSTRAINT " + name));
    if (actual == null) {
      add("table " + t + ": foreign key " + fk.name() + " is missing", steps);
      return;
    }
    boolean same = actual.type() == 'f' && actual.columns().equals(List.of(fk.column()))
        && fk.targetTable().equals(actual.targetTable()) && actual.targetColumns().equals(List.of(fk.targetColumn()))
        && fk.onDelete().equals(actual.onDelete());
    if (!same) {
      List<Step> replace = new ArrayList<>();
      replace.add(new Step(ADD_NOT_VALID, alter + " DROP CONSTRAINT " + name + "," + steps.get(0).sql().substring(alter.length())));
      replace.addAll(steps.subList(1, steps.size()));
      add("table " + t + ": foreign key " + fk.name() + " is " + actual.definition() + ", the record expects"
          + definition.substring(definition.indexOf(" FOREIGN KEY")), replace);
    } else if (!actual.validated()) {
      add("table " + t + ": foreign key " + fk.name() + " is not validated",
          List.of(new Step(VALIDATE, alter + " VALIDATE CONSTRAINT " + name)));
    }
  }

  private void compareIndex(TableDefinition table, TableDefinition.Index index, LiveTable live, ExpectedShape shape) {
    String t = table.name();
    LiveTable.Index actual = live.indexes().get(index.name());
    String kind = index.unique() ? "unique index " : "index ";
    if (actual == null) {
      add("table " + t + ": " + kind + index.name() + " is missing", createIndex(table, index, live));
      return;
    }
    if (!actual.valid()) {
      List<Step> steps = new ArrayList<>();
      steps.add(new Step(DROP_INVALID_INDEX, "DROP INDEX CONCURRENTLY IF EXISTS " + quote(index.name())));
      steps.addAll(createIndex(table, index, live));
      add("table " + t + ": " + kind + index.name() + " is invalid (a build that did not finish)",
          live.partitioning().isPresent() ? List.of() : steps,
          live.partitioning().isPresent() ? new String[] {"table " + t + ": index " + index.name() + " on the "
              + "partitioned table is invalid until every partition's index is attached; attach the missing ones "
              + "with ALTER INDEX " + quote(index.name()) + " ATTACH PARTITION <partition index>"} : new String[0]);
      return;
    }
    String expectedWhere = shape.predicates().getOrDefault(index.name(), index.where());
    boolean same = actual.unique() == index.unique() && actual.columns().equals(index.columns())
        && actual.method().equals(index.method()) && (!shape.exact() || actual.where().equals(expectedWhere));
    if (!same) {
      add("table " + t + ": " + kind + index.name() + " differs from the record's (" + index.keys() + ")"
          + (index.where().isEmpty() ? "" : " WHERE " + index.where()), List.of(),
          "table " + t + ": replace index " + index.name() + " without a gap: build the new one CONCURRENTLY under "
              + "another name, DROP INDEX CONCURRENTLY " + quote(index.name()) + ", then ALTER INDEX ... RENAME TO "
              + quote(index.name()));
    }
  }

  /**
   * {@code CREATE INDEX CONCURRENTLY} builds without blocking writes. PostgreSQL cannot build an
   * index on a partitioned table concurrently, so there the parent's index is created
   * {@code ON ONLY} the parent (instant, invalid), each partition's is built concurrently and
   * attached, and the parent's becomes valid when the last one is.
   */
  private List<Step> createIndex(TableDefinition table, TableDefinition.Index index, LiveTable live) {
    String head = "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX ";
    String tail = " USING " + index.method() + " (" + index.keys() + ")" + (index.where().isEmpty() ? "" : " WHERE " + index.where());
    if (live.partitioning().isEmpty()) {
      return List.of(new Step(CREATE_INDEX, head + "CONCURRENTLY IF NOT EXISTS " + quote(index.name()) + " ON "
          + quote(table.name()) + tail));
    }
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(CREATE_INDEX, head + "IF NOT EXISTS " + quote(index.name()) + " ON ONLY " + quote(table.name()) + tail));
    String suffix = index.name().startsWith(table.name() + "_") ? index.name().substring(table.name().length() + 1) : index.name();
    for (String partition : live.partitions()) {
      String child = SqlNames.name(partition, suffix);
      steps.add(new Step(CREATE_INDEX, head + "CONCURRENTLY IF NOT EXISTS " + quote(child) + " ON " + quote(partition) + tail));
      steps.add(new Step(CREATE_INDEX, "ALTER INDEX " + quote(index.name()) + " ATTACH PARTITION " + quote(child)));
    }
    return steps;
  }

  /**
   * Type changes PostgreSQL makes in the catalog alone, without rewriting or rescanning the
   * table: a longer {@code varchar}, {@code varchar} to {@code text}, a wider {@code numeric}.
   */
  static boolean widensWithoutRewrite(String from, String to) {
    Matcher fromVarchar = VARCHAR.matcher(from);
    if (fromVarchar.matches()) {
      Matcher toVarchar = VARCHAR.matcher(to);
      return to.equals("text") || to.equals("character varying")
          || (toVarchar.matches() && Integer.parseInt(toVarchar.group(1)) >= Integer.parseInt(fromVarchar.group(1)));
    }
    if (from.equals("character varying")) {
      return to.equals("text");
    }
    Matcher fromNumeric = NUMERIC.matcher(from);
    if (fromNumeric.matches()) {
      Matcher toNumeric = NUMERIC.matcher(to);
      return to.equals("numeric") || (toNumeric.matches() && toNumeric.group(2).equals(fromNumeric.group(2))
          && Integer.parseInt(toNumeric.group(1)) >= Integer.parseInt(fromNumeric.group(1)));
    }
    return false;
  }

  private static String names(List<String> columns) {
    return String.join(", ", columns.stream().map(SqlNames::quote).toList());
  }
}
