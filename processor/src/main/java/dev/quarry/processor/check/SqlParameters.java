package dev.quarry.processor.check;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.QueryModel.Parameter;
import dev.quarry.processor.sql.BoundTypes;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PGobject;

/**
 * Describes a statement (PostgreSQL parses and plans it, nothing runs) with each parameter
 * declared exactly as the DAO binds it ({@link BoundTypes}), as the driver will send it at run
 * time: the statement fails here exactly when it would fail there for its parameters' types.
 *
 * <p>When it fails, the culprits are found by asking again: a parameter sent without a type
 * whose natural type makes the statement pass cannot be placed by PostgreSQL; a declared
 * parameter whose type, left out, makes it pass is of the wrong type. A statement that fails
 * however its parameters are sent is invalid in itself. Values sent without a type (an enum's
 * name, a {@code Duration}'s text) are parsed at run time as the type PostgreSQL inferred, so
 * each text they can be is parsed here as that type too.
 */
public final class SqlParameters {
  /** Inferred types any text is valid input for: nothing to try. */
  private static final List<String> TEXT = List.of("text", "varchar", "bpchar", "name", "unknown");

  private SqlParameters() {}

  /**
   * One marker as the DAO binds it.
   *
   * @param name the parameter's (or batch element component's) name
   * @param javaType its Java type, for messages
   * @param type the SQL type it is declared as; empty when it is sent without one
   * @param texts for a value sent without a type, the texts it may be (an enum's names)
   * @param natural the SQL type of its kind, for a suggested cast
   */
  public record Bound(String name, String javaType, Optional<String> type, List<String> texts, String natural) {

    /** {@code p} as the DAO binds it. */
    public static Bound of(Parameter p) {
      Optional<String> type = p.collection() ? Optional.of(BoundTypes.ofCollection(p.column()))
          : BoundTypes.of(p.column());
      List<String> texts = p.collection() ? List.of()
          : p.kind() == ColumnKind.ENUM ? p.constants()
          : p.kind() == ColumnKind.DURATION ? BoundTypes.DURATION_TEXTS : List.of();
      String javaType = p.column().element() != null ? p.column().element().asType().toString()
          : String.valueOf(p.column().type());
      String natural = p.collection() ? p.kind().sqlType() + "[]" : p.kind().sqlType();
      return new Bound(p.name(), javaType, type, texts, natural);
    }
  }

  /**
   * One result column as described.
   *
   * @param label its name, as {@code ResultSet.findColumn} matches it
   * @param type its type as pgjdbc names it
   * @param nullableTableColumn whether it is a table's column that may be NULL (an expression's
   *     nullability is unknown, and is not counted)
   */
  public record Column(String label, String type, boolean nullableTableColumn) {}

  /** What is wrong with a statement's parameters, or with the statement. */
  public enum Kind { INVALID, PARAMETER_TYPE }

  /**
   * A failure to report.
   *
   * @param parts for a parameter type problem, one message part per culprit
   * @param cause the server's error
   * @param inStatement whether the cause's position points into the statement (else it came
   *     from a probe of a value, and has no place in the statement)
   */
  public record Problem(Kind kind, List<String> parts, SQLException cause, boolean inStatement) {}

  /**
   * The outcome of describing a statement.
   *
   * @param columns its result columns (none for a statement that returns no rows); null on failure
   * @param problem what failed, or null
   */
  public record Outcome(List<Column> columns, Problem problem) {}

  /** Describes {@code sql} on {@code c} with {@code bounds}, one per marker. */
  public static Outcome describe(Connection c, String sql, List<Bound> bounds) {
    List<Column> columns;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, bounds.size(), i -> bounds.get(i).type());
      columns = columns(c, ps.getMetaData());
      Problem values = untypedValues(c, ps, bounds);
      if (values != null) {
        return new Outcome(null, values);
      }
    } catch (SQLException typed) {
      return new Outcome(null, explain(c, sql, bounds, typed));
    }
    return new Outcome(columns, null);
  }

  /**
   * The described columns. Only a table's column has a nullability PostgreSQL knows: an
   * expression such as {@code count(*)} has none, and a view's columns all say "may be NULL".
   */
  private static List<Column> columns(Connection c, ResultSetMetaData md) throws SQLException {
    List<Column> out = new ArrayList<>();
    Map<String, Boolean> tables = new HashMap<>();
    for (int i = 1; md != null && i <= md.getColumnCount(); i++) {
      boolean fromTable = false;
      if (md instanceof PGResultSetMetaData pg && !pg.getBaseTableName(i).isEmpty()) {
        String schema = pg.getBaseSchemaName(i);
        String table = pg.getBaseTableName(i);
        Boolean known = tables.get(schema + "." + table);
        fromTable = known != null ? known : isTable(c, schema, table);
        tables.put(schema + "." + table, fromTable);
      }
      boolean nullable = fromTable && md.isNullable(i) == ResultSetMetaData.columnNullable;
      out.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i), nullable));
    }
    return out;
  }

  /** Whether {@code schema.name} is a table (plain, partitioned or foreign), not a view. */
  private static boolean isTable(Connection c, String schema, String name) throws SQLException {
    String sql = "SELECT c.relkind IN ('r', 'p', 'f') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = ? AND c.relname = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, name);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Each text a parameter sent without a type may be, parsed as the type PostgreSQL inferred for
   * it: {@code now() - :age} infers {@code timestamptz} for a {@code Duration}, whose text is not one.
   */
  private static Problem untypedValues(Connection c, PreparedStatement ps, List<Bound> bounds) throws SQLException {
    if (bounds.stream().noneMatch(b -> b.type().isEmpty() && !b.texts().isEmpty())) {
      return null;
    }
    ParameterMetaData m = ps.getParameterMetaData();
    List<String> parts = new ArrayList<>();
    SQLException first = null;
    for (int i = 0; i < bounds.size(); i++) {
      Bound b = bounds.get(i);
      String inferred = m.getParameterTypeName(i + 1);
      if (b.type().isPresent() || b.texts().isEmpty() || inferred == null || TEXT.contains(inferred)) {
        continue;
      }
      SQLException refused = parse(c, inferred, b.texts());
      if (refused != null) {
        parts.add(Messages.sqlParameterValue(b.name(), b.javaType(), display(inferred), b.natural()));
        first = first == null ? refused : first;
      }
    }
    return parts.isEmpty() ? null : new Problem(Kind.PARAMETER_TYPE, parts, first, false);
  }

  /** A type as SQL writes it: pg_type's {@code _int8} is {@code int8[]}. */
  static String display(String type) {
    return type.startsWith("_") ? type.substring(1) + "[]" : type;
  }

  /** The server's refusal to read one of {@code texts} as {@code type}, or null when it reads them all. */
  private static SQLException parse(Connection c, String type, List<String> texts) {
    String sql = "SELECT CAST(v AS " + type + ") FROM unnest(CAST(? AS text[])) AS v";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", texts.toArray()));
      ps.executeQuery().close();
      return null;
    } catch (SQLException e) {
      // Only a value refused counts (class 22, data exception); a type this probe cannot name is let be.
      return e.getSQLState() != null && e.getSQLState().startsWith("22") ? e : null;
    }
  }

  /** The typed description failed: a parameter sent without a type, one of the wrong type, or the statement. */
  private static Problem explain(Connection c, String sql, List<Bound> bounds, SQLException typed) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      Bound b = bounds.get(i);
      if (b.type().isEmpty() && parameterTypes(c, sql, bounds, i, Optional.of(b.natural())) != null) {
        parts.add(Messages.sqlParameterUntyped(b.name(), b.javaType(), b.natural()));
      }
    }
    for (int i = 0; i < bounds.size(); i++) {
      Bound b = bounds.get(i);
      List<String> inferred = b.type().isPresent() ? parameterTypes(c, sql, bounds, i, Optional.empty()) : null;
      if (inferred != null) {
        parts.add(Messages.sqlParameterBinding(b.name(), b.javaType(), display(b.type().get()),
            display(inferred.get(i))));
      }
    }
    if (parts.isEmpty()) {
      parts = mismatchedTogether(c, sql, bounds);
    }
    return parts.isEmpty() ? new Problem(Kind.INVALID, List.of(), typed, true)
        : new Problem(Kind.PARAMETER_TYPE, parts, typed, true);
  }

  /**
   * No one parameter alone: with every declared type left out, the parameters whose declared
   * type differs from the one PostgreSQL then infers. Empty when the statement fails even so.
   */
  private static List<String> mismatchedTogether(Connection c, String sql, List<Bound> bounds) {
    List<String> inferred = describeParameters(c, sql, bounds.size(), i -> Optional.empty());
    List<String> parts = new ArrayList<>();
    for (int i = 0; inferred != null && i < bounds.size(); i++) {
      Bound b = bounds.get(i);
      if (b.type().isPresent() && !b.type().get().equals(inferred.get(i))) {
        parts.add(Messages.sqlParameterBinding(b.name(), b.javaType(), display(b.type().get()),
            display(inferred.get(i))));
      }
    }
    return parts;
  }

  /** The parameter types with marker {@code changed} sent as {@code type} and the rest as bound; null if that fails. */
  private static List<String> parameterTypes(Connection c, String sql, List<Bound> bounds, int changed,
      Optional<String> type) {
    return describeParameters(c, sql, bounds.size(), i -> i == changed ? type : bounds.get(i).type());
  }

  private static List<String> describeParameters(Connection c, String sql, int count,
      IntFunction<Optional<String>> types) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, count, types);
      ParameterMetaData m = ps.getParameterMetaData();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= m.getParameterCount(); i++) {
        out.add(m.getParameterTypeName(i));
      }
      return out.size() == count ? out : null;
    } catch (SQLException e) {
      return null;
    }
  }

  /**
   * Binds SQL NULL of each declared type (pgjdbc sends a {@code PGobject}'s type name as the
   * parameter's type, as it does for the runtime's values), or of no type.
   */
  private static void bind(PreparedStatement ps, int count, IntFunction<Optional<String>> types) throws SQLException {
    for (int i = 0; i < count; i++) {
      Optional<String> type = types.apply(i);
      if (type.isEmpty()) {
        ps.setNull(i + 1, Types.OTHER);
      } else {
        PGobject typedNull = new PGobject();
        typedNull.setType(type.get());
        ps.setObject(i + 1, typedNull);
      }
    }
  }
}
