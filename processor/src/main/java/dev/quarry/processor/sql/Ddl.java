package dev.quarry.processor.sql;

import static dev.quarry.processor.sql.Identifiers.quote;

import dev.quarry.processor.model.CheckModel;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.EnumTypeModel;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.FullTextModel;
import dev.quarry.processor.model.IndexModel;
import dev.quarry.processor.model.KeysetModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.TimestampsModel;
import dev.quarry.processor.model.UniqueKeyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements that create a table and everything it owns. Each is idempotent
 * ({@code IF NOT EXISTS}), so applying a schema twice changes nothing, and none depends on
 * the clock.
 */
public final class Ddl {
  private Ddl() {}

  /** Every statement for {@code table}, in an order that runs. */
  public static List<String> statements(TableModel table) {
    List<String> statements = new ArrayList<>();
    table.columns().stream().map(ColumnModel::enumType).flatMap(java.util.Optional::stream).distinct()
        .forEach(e -> statements.add(createEnumType(e)));
    statements.add(createTable(table));
    table.partitioning().ifPresent(p -> statements.addAll(Partitions.statements(table, p)));
    for (IndexSql index : indexes(table)) {
      statements.add(index.statement(table.table()));
    }
    table.timestamps().filter(TimestampsModel::trigger).ifPresent(t -> {
      statements.add(touchFunction(table, t));
      statements.add(touchTrigger(table));
    });
    table.distribution().ifPresent(d -> statements.addAll(Citus.statements(table, d)));
    return statements;
  }

  /**
   * Every index the table needs, in creation order: unique keys, declared indexes (and those
   * foreign keys need), the live-row index, the keyset index, the search index.
   */
  public static List<IndexSql> indexes(TableModel table) {
    List<IndexSql> indexes = new ArrayList<>();
    for (UniqueKeyModel key : table.uniqueKeys()) {
      indexes.add(uniqueIndex(table, key));
    }
    for (IndexModel index : table.indexes()) {
      indexes.add(index(index));
    }
    table.softDelete().ifPresent(mark -> indexes.add(liveIndex(table, mark)));
    table.keyset().filter(k -> !k.columns().equals(table.key())).ifPresent(k -> indexes.add(keysetIndex(table, k)));
    table.fullText().ifPresent(f -> indexes.add(searchIndex(table, f)));
    return indexes;
  }

  /** {@code WHERE deleted_at IS NULL} under {@code @SoftDelete}: what every read filters. */
  private static String livePredicate(TableModel table) {
    return table.softDelete().map(mark -> quote(mark.column()) + " IS NULL").orElse("");
  }

  private static List<String> columnNames(List<ColumnModel> columns) {
    return columns.stream().map(ColumnModel::column).toList();
  }

  /**
   * Under {@code @SoftDelete}, every read filters {@code deleted_at IS NULL}: a partial index over
   * the live rows' keys keeps those reads (and the offset page's order) on an index.
   */
  static IndexSql liveIndex(TableModel table, ColumnModel mark) {
    return new IndexSql(liveIndexName(table), false, columnNames(table.key()), names(table.key()), "btree",
        quote(mark.column()) + " IS NULL");
  }

  /**
   * The index a keyset order seeks in: same columns, same direction, partial under
   * {@code @SoftDelete} like the reads it serves. Not needed when the order is the primary key,
   * whose index PostgreSQL scans in either direction.
   */
  static IndexSql keysetIndex(TableModel table, KeysetModel k) {
    String parts = k.columns().stream().map(c -> quote(c.column()) + (k.descending() ? " DESC" : ""))
        .collect(Collectors.joining(", "));
    return new IndexSql(Identifiers.name(table.table(), "keyset_idx"), false, columnNames(k.columns()), parts, "btree",
        livePredicate(table));
  }

  /**
   * A stored generated tsvector over the searched columns, weighted A, B, C, D in the order
   * given, so a title match outranks a body match; PostgreSQL keeps it current on every write.
   */
  static String searchVector(FullTextModel f) {
    return quote(f.vectorColumn()) + " tsvector GENERATED ALWAYS AS (" + searchExpression(f) + ") STORED";
  }

  /** The expression the search column is generated from. */
  public static String searchExpression(FullTextModel f) {
    String language = Identifiers.literal(f.language());
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < f.columns().size(); i++) {
      char weight = (char) ('A' + Math.min(i, 3));
      parts.add("setweight(to_tsvector(" + language + ", coalesce(" + quote(f.columns().get(i).column()) + ", '')), '"
          + weight + "')");
    }
    return String.join(" || ", parts);
  }

  static IndexSql searchIndex(TableModel table, FullTextModel f) {
    return new IndexSql(Identifiers.name(table.table(), f.vectorColumn() + "_idx"), false, List.of(f.vectorColumn()),
        quote(f.vectorColumn()), "gin", "");
  }

  public static String liveIndexName(TableModel table) {
    return Identifiers.name(table.table(), "live_idx");
  }

  public static String touchName(TableModel table) {
    return Identifiers.name(table.table(), "touch_updated");
  }

  /**
   * The DAO sets the updated column itself; this trigger does it for SQL written by hand too
   * (a bulk UPDATE from a console or another service), so the column stays honest.
   */
  static String touchFunction(TableModel table, TimestampsModel t) {
    String body = "BEGIN\n  NEW." + quote(t.updated().column()) + " := now();\n  RETURN NEW;\nEND\n";
    // The body is dollar-quoted: pick a tag no column name in it contains, or the name would end the quote.
    String tag = "$quarry$";
    for (int n = 1; body.contains(tag); n++) {
      tag = "$quarry" + n + "$";
    }
    return "CREATE OR REPLACE FUNCTION " + quote(touchName(table)) + "() RETURNS trigger LANGUAGE plpgsql AS " + tag
        + "\n" + body + tag;
  }

  static String touchTrigger(TableModel table) {
    return "CREATE OR REPLACE TRIGGER " + quote(touchName(table)) + " BEFORE UPDATE ON " + quote(table.table())
        + " FOR EACH ROW EXECUTE FUNCTION " + quote(touchName(table)) + "()";
  }

  /**
   * {@code CREATE TYPE ... AS ENUM}, which has no {@code IF NOT EXISTS}: the type is created
   * unless the schema (the current one, for an unqualified name) already has a type of that
   * name, and a session that creates it at the same moment is not an error. The labels follow
   * the Java constants' declaration order, which is the order PostgreSQL sorts them in. A
   * constant added later needs {@code ALTER TYPE ... ADD VALUE}: this statement leaves an
   * existing type as it is.
   */
  static String createEnumType(EnumTypeModel e) {
    String schema = e.schema().map(Identifiers::literal).orElse("current_schema()");
    String labels = e.labels().stream().map(Identifiers::literal).collect(Collectors.joining(", "));
    return "DO $quarry$\nBEGIN\n"
        + "  IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace\n"
        + "                 WHERE t.typname = " + Identifiers.literal(e.simpleName()) + " AND n.nspname = " + schema + ") THEN\n"
        + "    CREATE TYPE " + Identifiers.qualified(e.schema(), e.simpleName()) + " AS ENUM (" + labels + ");\n"
        + "  END IF;\n"
        + "EXCEPTION WHEN duplicate_object OR unique_violation THEN\n"
        + "  NULL; -- created by a concurrent session\n"
        + "END\n$quarry$";
  }

  /** {@code CREATE TABLE IF NOT EXISTS} with columns, primary key and foreign keys. */
  static String createTable(TableModel table) {
    List<String> lines = new ArrayList<>();
    for (ColumnModel c : table.columns()) {
      lines.add(column(c) + (table.isTimestamp(c) ? " DEFAULT now()" : ""));
    }
    table.fullText().ifPresent(f -> lines.add(searchVector(f)));
    lines.add("CONSTRAINT " + quote(table.primaryKeyName()) + " PRIMARY KEY (" + names(table.key()) + ")");
    for (CheckModel check : table.checks()) {
      lines.add(check(check));
    }
    if (!Citus.defersForeignKeys(table)) {
      for (ForeignKeyModel fk : table.foreignKeys()) {
        lines.add(foreignKey(fk));
      }
    }
    return "CREATE TABLE IF NOT EXISTS " + quote(table.table()) + " (\n  "
        + String.join(",\n  ", lines) + "\n)" + table.partitioning().map(p -> " " + Partitions.partitionBy(p)).orElse("");
  }

  private static String column(ColumnModel c) {
    if (c.identity()) {
      return quote(c.column()) + " " + c.sqlType() + " GENERATED BY DEFAULT AS IDENTITY";
    }
    return quote(c.column()) + " " + c.sqlType() + (c.nullable() ? "" : " NOT NULL");
  }

  /**
   * A CHECK declared on the table, so on a partitioned parent every partition inherits it (and
   * PostgreSQL refuses to attach one that lacks it).
   */
  public static String check(CheckModel check) {
    return "CONSTRAINT " + quote(check.name()) + " CHECK (" + check.expression() + ")";
  }

  static String foreignKey(ForeignKeyModel fk) {
    String sql = "CONSTRAINT " + quote(fk.constraintName()) + " FOREIGN KEY (" + quote(fk.column().column())
        + ") REFERENCES " + quote(fk.targetTable()) + " (" + quote(fk.targetColumn()) + ")";
    return fk.onDelete().equals("NO ACTION") ? sql : sql + " ON DELETE " + fk.onDelete();
  }

  /**
   * A unique key as a unique index rather than a constraint: the same guarantee, usable as an
   * {@code ON CONFLICT} target, and able to be partial.
   */
  static IndexSql uniqueIndex(TableModel table, UniqueKeyModel key) {
    // Under @SoftDelete the key holds among live rows only, so a deleted e-mail can sign up again.
    return new IndexSql(key.indexName(), true, columnNames(key.columns()), names(key.columns()), "btree",
        livePredicate(table));
  }

  static IndexSql index(IndexModel index) {
    String parts = index.columns().stream()
        .map(p -> quote(p.column().column()) + (p.descending() ? " DESC" : ""))
        .collect(Collectors.joining(", "));
    return new IndexSql(index.name(), index.unique(),
        index.columns().stream().map(p -> p.column().column()).toList(), parts, index.using(), index.where());
  }

  /** Column names, quoted where needed, joined by commas. */
  public static String names(List<ColumnModel> columns) {
    return columns.stream().map(c -> quote(c.column())).collect(Collectors.joining(", "));
  }
}
