package dev.quarry.processor.check;

import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.QueryModel.Parameter;
import dev.quarry.processor.model.QueryModel.Shape;
import dev.quarry.processor.sql.NamedParameters;
import dev.quarry.processor.verify.VerifySession;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Checks each {@code @Sql} statement against a real PostgreSQL holding the compilation's
 * tables: the server parses and describes it (nothing is executed) with each parameter typed
 * as the DAO will bind it, and the result columns it describes are matched to the return type.
 *
 * <p>Parameters are described with the types the runtime's binders send ({@code String} as
 * {@code varchar}, {@code long} as {@code int8}, a {@code Collection<Long>} as {@code int8[]}),
 * so an operator or assignment that would fail at run time for its types fails here. When
 * that typed description fails but an untyped one succeeds, the parameters whose sent type
 * differs from the one PostgreSQL infers are the culprits ({@code [QuarrySqlParameterType]}).
 */
public final class SqlChecker {
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("column \"?(?:[^\\s\".]+\\.)?([^\\s\"]+)\"? does not exist");
  private static final Pattern UNKNOWN_RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("function ([\\w.]+)\\(");
  private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8", "numeric");
  private static final Set<String> NUMBERS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8");

  private final Diagnostics diagnostics;
  private final VerifySession session;

  public SqlChecker(Diagnostics diagnostics, VerifySession session) {
    this.diagnostics = diagnostics;
    this.session = session;
  }

  /** Checks one method; false after reporting an error on it. */
  public boolean check(QueryModel q, AnnotationMirror sql, AnnotationValue text) {
    Connection c = session.connection();
    ResultSetMetaData columns;
    try (PreparedStatement ps = c.prepareStatement(q.sql())) {
      for (int i = 0; i < q.markers().size(); i++) {
        bindTypedNull(ps, i + 1, q.markers().get(i));
      }
      columns = ps.getMetaData();
      return results(q, sql, text, columns);
    } catch (SQLException typed) {
      return explain(q, sql, text, typed);
    }
  }

  /** The typed description failed: a parameter's type, or the statement itself. */
  private boolean explain(QueryModel q, AnnotationMirror sql, AnnotationValue text, SQLException typed) {
    List<String> inferred = inferredTypes(q);
    if (inferred != null) {
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < q.markers().size(); i++) {
        Parameter p = q.markers().get(i);
        String sent = sentType(p);
        if (sent != null && !sent.equals(inferred.get(i))) {
          wrong.add(Messages.sqlParameterBinding(p.name(), p.column().type().toString(), sent, inferred.get(i)));
        }
      }
      if (!wrong.isEmpty()) {
        error(q, sql, text, Messages.sqlParameterType(String.join("; ", wrong), serverMessage(typed),
            caret(q.statement(), typed)));
        return false;
      }
    }
    error(q, sql, text, Messages.sqlInvalid(serverMessage(typed), caret(q.statement(), typed), suggestion(typed)));
    return false;
  }

  /** The parameter types PostgreSQL infers with nothing bound, or null when it cannot. */
  private List<String> inferredTypes(QueryModel q) {
    try (PreparedStatement ps = session.connection().prepareStatement(q.sql())) {
      ParameterMetaData m = ps.getParameterMetaData();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= m.getParameterCount(); i++) {
        types.add(m.getParameterTypeName(i));
      }
      return types.size() == q.markers().size() ? types : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private boolean results(QueryModel q, AnnotationMirror sql, AnnotationValue text, ResultSetMetaData md)
      throws SQLException {
    if (q.shape() != Shape.LIST && q.shape() != Shape.OPTIONAL && q.shape() != Shape.ONE && q.shape() != Shape.STREAM) {
      return true;
    }
    List<String> labels = new ArrayList<>();
    for (int i = 1; md != null && i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    List<String> problems = new ArrayList<>();
    if (labels.isEmpty()) {
      problems.add(Messages.sqlNoColumns());
    } else if (q.scalar()) {
      if (labels.size() > 1) {
        problems.add(Messages.sqlScalarColumns(q.resultType().toString(), labels));
      }
      column(md, 1, q.resultColumns().get(0), problems);
    } else {
      for (ColumnModel c : q.resultColumns()) {
        int index = indexOf(labels, c.column());
        if (index < 0) {
          problems.add(Messages.sqlMissingColumn(c.name(), c.column(), labels));
        } else {
          column(md, index + 1, c, problems);
        }
      }
    }
    if (problems.isEmpty()) {
      return true;
    }
    error(q, sql, text, Messages.sqlResultMismatch(q.resultType().toString(), String.join("; ", problems)));
    return false;
  }

  /** pgjdbc's {@code findColumn} ignores case; so does the check. */
  private static int indexOf(List<String> labels, String column) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  private static void column(ResultSetMetaData md, int i, ColumnModel c, List<String> problems) throws SQLException {
    String type = baseType(md.getColumnTypeName(i));
    String label = md.getColumnLabel(i);
    if (!readable(c.kind().name(), type)) {
      problems.add(Messages.sqlColumnType(c.name(), label, type, c.type().toString()));
    }
    // Only a column read straight from a table has a nullability PostgreSQL knows; an
    // expression such as count(*) has none, and is not flagged.
    boolean fromTable = md instanceof PGResultSetMetaData pg && !pg.getBaseTableName(i).isEmpty();
    if (c.primitive() && fromTable && md.isNullable(i) == ResultSetMetaData.columnNullable) {
      problems.add(Messages.sqlNullableIntoPrimitive(c.name(), label, c.type().toString()));
    }
  }

  /** pgjdbc names an identity or serial column's type after its default: that is still an integer. */
  private static String baseType(String type) {
    return switch (type) {
      case "bigserial" -> "int8";
      case "serial" -> "int4";
      case "smallserial" -> "int2";
      default -> type;
    };
  }

  /** Whether the runtime's reader for {@code kind} accepts a column of {@code type}. */
  static boolean readable(String kind, String type) {
    return switch (kind) {
      case "BOOLEAN" -> type.equals("bool");
      case "SHORT", "INT", "LONG" -> INTEGERS.contains(type);
      case "FLOAT", "DOUBLE", "BIG_DECIMAL" -> NUMBERS.contains(type);
      case "UUID" -> type.equals("uuid");
      case "INSTANT", "OFFSET_DATE_TIME" -> type.equals("timestamptz") || type.equals("timestamp");
      case "LOCAL_DATE_TIME" -> type.equals("timestamp");
      case "LOCAL_DATE" -> type.equals("date");
      case "LOCAL_TIME" -> type.equals("time");
      case "BYTES" -> type.equals("bytea");
      case "ENUM" -> !NUMBERS.contains(type) && !type.equals("bool") && !type.startsWith("_");
      default -> true; // text reads anything; kinds added later are not second-guessed
    };
  }

  /** The type the runtime's binder sends for this parameter, or null to leave it to the server. */
  static String sentType(Parameter p) {
    String scalar = switch (p.kind().name()) {
      case "BOOLEAN" -> "bool";
      case "SHORT" -> "int2";
      case "INT" -> "int4";
      case "LONG" -> "int8";
      case "FLOAT" -> "float4";
      case "DOUBLE" -> "float8";
      case "BIG_DECIMAL" -> "numeric";
      case "STRING", "ENUM" -> "varchar";
      case "UUID" -> "uuid";
      case "INSTANT", "OFFSET_DATE_TIME" -> "timestamptz";
      case "LOCAL_DATE_TIME" -> "timestamp";
      case "LOCAL_DATE" -> "date";
      case "LOCAL_TIME" -> "time";
      case "BYTES" -> "bytea";
      default -> null;
    };
    if (!p.collection()) {
      return scalar;
    }
    return "_" + dev.quarry.processor.sql.Arrays.elementType(p.column());
  }

  private static void bindTypedNull(PreparedStatement ps, int index, Parameter p) throws SQLException {
    String type = sentType(p);
    if (type == null) {
      ps.setNull(index, java.sql.Types.OTHER);
      return;
    }
    PGobject typedNull = new PGobject();
    typedNull.setType(type);
    ps.setObject(index, typedNull);
  }

  private static String serverMessage(SQLException e) {
    ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String text = m == null ? e.getMessage() : m.getMessage();
    String hint = m == null ? null : m.getHint();
    return text + " (SQLSTATE " + e.getSQLState() + ")" + (hint == null ? "" : "; hint: " + hint);
  }

  /** The line of the statement the server's position falls in, with a caret under it. */
  static String caret(NamedParameters statement, SQLException e) {
    ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (m == null || m.getPosition() <= 0) {
      return "";
    }
    String text = statement.text();
    int at = statement.textIndex(m.getPosition() - 1);
    int start = text.lastIndexOf('\n', at - 1) + 1;
    int end = text.indexOf('\n', at);
    String line = text.substring(start, end < 0 ? text.length() : end);
    int lineNumber = (int) text.substring(0, start).chars().filter(ch -> ch == '\n').count() + 1;
    return "\n  " + line + "\n  " + " ".repeat(at - start) + "^ (line " + lineNumber + " of the statement, column "
        + (at - start + 1) + ")";
  }

  /** "did you mean" from the session's tables, columns or PostgreSQL's functions. */
  private String suggestion(SQLException e) {
    String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getMessage() : String.valueOf(e.getMessage());
    Optional<String> hint = match(UNKNOWN_COLUMN, message, "42703".equals(e.getSQLState()),
        "SELECT DISTINCT column_name FROM information_schema.columns WHERE table_schema = current_schema()");
    if (hint.isEmpty()) {
      hint = match(UNKNOWN_RELATION, message, "42P01".equals(e.getSQLState()),
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
    }
    if (hint.isEmpty()) {
      hint = match(UNKNOWN_FUNCTION, message, "42883".equals(e.getSQLState()),
          "SELECT DISTINCT proname FROM pg_proc");
    }
    return hint.orElse("");
  }

  private Optional<String> match(Pattern pattern, String message, boolean applies, String candidates) {
    if (!applies) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    String name = m.group(1);
    List<String> known = session.names(candidates).stream().filter(k -> !k.equalsIgnoreCase(name)).toList();
    String suggestion = Messages.didYouMean(name, known);
    return suggestion.isEmpty() ? Optional.empty() : Optional.of(suggestion);
  }

  private void error(QueryModel q, AnnotationMirror sql, AnnotationValue text, String message) {
    ExecutableElement method = q.method();
    diagnostics.error(method, sql, text, message);
  }
}
