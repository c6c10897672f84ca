package dev.quarry.processor.sql;

import static dev.quarry.processor.sql.Identifiers.quote;

import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of every statement a DAO runs. Values are always {@code ?} parameters; columns are
 * listed in one fixed order ({@link #columns()}) so generated code reads them by index.
 */
public final class Dml {
  private final TableModel table;
  private final String from;

  public Dml(TableModel table) {
    this.table = table;
    this.from = quote(table.table());
  }

  /** The select list: every column in component order. */
  public String columns() {
    return Ddl.names(table.columns());
  }

  public String findById() {
    return select() + "\nWHERE " + equalsAll(table.key());
  }

  /** One statement for any number of keys: {@code = ANY(?)} over an array parameter. */
  public String findByIds() {
    return select() + "\nWHERE " + quote(table.key().get(0).column()) + " = ANY(?)";
  }

  public String count() {
    return "SELECT count(*)\nFROM " + from;
  }

  public String existsById() {
    return "SELECT EXISTS (\n  SELECT 1 FROM " + from + " WHERE " + equalsAll(table.key()) + ")";
  }

  /** An offset page in a deterministic order, so pages neither overlap nor skip rows. */
  public String page() {
    return select() + "\nORDER BY " + Ddl.names(table.key()) + "\nLIMIT ? OFFSET ?";
  }

  public String findBy(List<ColumnModel> columns) {
    return select() + "\nWHERE " + equalsAll(columns);
  }

  public String existsBy(List<ColumnModel> columns) {
    return "SELECT EXISTS (\n  SELECT 1 FROM " + from + " WHERE " + equalsAll(columns) + ")";
  }

  /** Rows whose {@code column} is any of an array parameter, in key order. */
  public String findByIn(ColumnModel column) {
    return select() + "\nWHERE " + quote(column.column()) + " = ANY(?)\nORDER BY " + quote(column.column())
        + ", " + Ddl.names(table.key());
  }

  /** Rows whose {@code column} equals one value, in primary-key order. */
  public String findByOrdered(ColumnModel column) {
    return select() + "\nWHERE " + quote(column.column()) + " = ?\nORDER BY " + Ddl.names(table.key());
  }

  /** {@link #insertColumns(boolean)} as {@code INSERT ... RETURNING} every column. */
  public String insert(boolean generatedIdentity) {
    List<ColumnModel> columns = insertColumns(generatedIdentity);
    return "INSERT INTO " + from + " (" + Ddl.names(columns) + ")\nVALUES ("
        + columns.stream().map(Dml::placeholder).collect(Collectors.joining(", ")) + ")\nRETURNING " + columns();
  }

  /** The columns an insert binds, in order; without the identity when PostgreSQL picks it. */
  public List<ColumnModel> insertColumns(boolean generatedIdentity) {
    return table.columns().stream().filter(c -> !(generatedIdentity && c.identity())).toList();
  }

  /**
   * Sets every non-key column by key, checking and bumping the version under {@code @Version}.
   * Parameters: {@link TableModel#updatable()}, then the key, then the expected version.
   */
  public String update() {
    List<String> sets = new ArrayList<>();
    for (ColumnModel c : table.updatable()) {
      sets.add(quote(c.column()) + " = " + placeholder(c));
    }
    table.version().ifPresent(v -> sets.add(quote(v.column()) + " = " + quote(v.column()) + " + 1"));
    return "UPDATE " + from + "\nSET " + String.join(", ", sets) + "\nWHERE " + keyAndVersion()
        + "\nRETURNING " + columns();
  }

  public String delete() {
    return "DELETE FROM " + from + "\nWHERE " + equalsAll(table.key());
  }

  /** Deletes by key and expected version. Parameters: the key, then the version. */
  public String deleteVersioned() {
    return "DELETE FROM " + from + "\nWHERE " + keyAndVersion();
  }

  public String deleteByIds() {
    return "DELETE FROM " + from + "\nWHERE " + quote(table.key().get(0).column()) + " = ANY(?)";
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

  /**
   * A parameter marker; with {@code @Column(type = ...)} it carries a cast, because pgjdbc
   * sends strings as {@code varchar}, which PostgreSQL will not assign to {@code jsonb}.
   */
  static String placeholder(ColumnModel c) {
    return c.castOnBind() ? "CAST(? AS " + c.sqlType() + ")" : "?";
  }
}
