package dev.quarry.runtime.internal;

import dev.quarry.runtime.TableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table definition's types and expressions as PostgreSQL prints them, so they compare with
 * the live catalog: {@code int4} and {@code integer} are one type, {@code varchar(5)} and
 * {@code varchar(6)} are two, and {@code seats BETWEEN 1 AND 12} reads back as
 * {@code CHECK (((seats >= 1) AND (seats <= 12)))}. PostgreSQL itself does the normalising: the
 * columns, checks and partial indexes are created on a temporary table inside a transaction
 * that is rolled back, and read back through {@code format_type}, {@code pg_get_expr} and
 * {@code pg_get_constraintdef}. When that fails (a type that does not exist yet), the declared
 * text is used, lower-cased, and {@link #exact()} is false.
 */
public record ExpectedShape(Map<String, String> types, Map<String, String> defaults, Map<String, String> generated,
    Map<String, String> checks, Map<String, String> predicates, boolean exact) {

  private static final String SHAPE = "quarry_expected_shape";

  public static ExpectedShape of(Connection c, TableDefinition table) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    Savepoint savepoint = null;
    if (autoCommit) {
      c.setAutoCommit(false);
    } else {
      savepoint = c.setSavepoint();
    }
    try (Statement s = c.createStatement()) {
      s.execute(createShape(table));
      List<String> indexNames = new ArrayList<>();
      for (TableDefinition.Index index : table.indexes()) {
        if (!index.where().isEmpty()) {
          String name = SHAPE + "_i" + indexNames.size();
          s.execute("CREATE INDEX " + name + " ON pg_temp." + SHAPE + " USING " + index.method() + " ("
              + index.keys() + ") WHERE " + index.where());
          indexNames.add(index.name());
        }
      }
      return read(c, indexNames);
    } catch (SQLException e) {
      return declared(table);
    } finally {
      if (autoCommit) {
        c.rollback();
        c.setAutoCommit(true);
      } else {
        c.rollback(savepoint);
      }
    }
  }

  private static String createShape(TableDefinition table) {
    List<String> parts = new ArrayList<>();
    for (TableDefinition.Column column : table.columns()) {
      String generated = column.generated().map(g -> " GENERATED ALWAYS AS (" + g + ") STORED").orElse("");
      String defaultValue = column.defaultValue().map(d -> " DEFAULT " + d).orElse("");
      parts.add(SqlNames.quote(column.name()) + " " + column.type() + defaultValue + generated);
    }
    for (TableDefinition.Check check : table.checks()) {
      parts.add("CONSTRAINT " + SqlNames.quote(check.name()) + " CHECK (" + check.expression() + ")");
    }
    return "CREATE TEMP TABLE " + SHAPE + " (" + String.join(", ", parts) + ") ON COMMIT DROP";
  }

  private static ExpectedShape read(Connection c, List<String> indexNames) throws SQLException {
    Map<String, String> types = new HashMap<>();
    Map<String, String> defaults = new HashMap<>();
    Map<String, String> generated = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
        + "pg_get_expr(d.adbin, d.adrelid), a.attgenerated <> '' FROM pg_attribute a LEFT JOIN pg_attrdef d "
        + "ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = 'pg_temp." + SHAPE + "'::regclass "
        + "AND a.attnum > 0 AND NOT a.attisdropped"); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
        if (rs.getString(3) != null) {
          (rs.getBoolean(4) ? generated : defaults).put(rs.getString(1), rs.getString(3));
        }
      }
    }
    Map<String, String> checks = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        + "WHERE conrelid = 'pg_temp." + SHAPE + "'::regclass AND contype = 'c'"); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        checks.put(rs.getString(1), rs.getString(2));
      }
    }
    Map<String, String> predicates = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ic.relname, pg_get_expr(i.indpred, i.indrelid) "
        + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = 'pg_temp." + SHAPE
        + "'::regclass"); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        int n = Integer.parseInt(rs.getString(1).substring((SHAPE + "_i").length()));
        predicates.put(indexNames.get(n), rs.getString(2));
      }
    }
    return new ExpectedShape(types, defaults, generated, checks, predicates, true);
  }

  private static ExpectedShape declared(TableDefinition table) {
    Map<String, String> types = new HashMap<>();
    Map<String, String> defaults = new HashMap<>();
    Map<String, String> generated = new HashMap<>();
    for (TableDefinition.Column column : table.columns()) {
      types.put(column.name(), column.type().toLowerCase(Locale.ROOT));
      column.defaultValue().ifPresent(d -> defaults.put(column.name(), d));
      column.generated().ifPresent(g -> generated.put(column.name(), g));
    }
    Map<String, String> checks = new HashMap<>();
    table.checks().forEach(k -> checks.put(k.name(), "CHECK (" + k.expression() + ")"));
    Map<String, String> predicates = new HashMap<>();
    table.indexes().forEach(i -> predicates.put(i.name(), i.where()));
    return new ExpectedShape(types, defaults, generated, checks, predicates, false);
  }
}
