package dev.quarry.processor.check;

import dev.quarry.processor.check.SqlParameters.Bound;
import dev.quarry.processor.check.SqlParameters.Kind;
import dev.quarry.processor.check.SqlParameters.Outcome;
import dev.quarry.processor.check.SqlParameters.Problem;
import dev.quarry.processor.check.SqlResults.SqlType;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.sql.NamedParameters;
import dev.quarry.processor.verify.VerifySession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Checks each {@code @Sql} statement against a real PostgreSQL holding the compilation's
 * tables: the server describes it (nothing is executed) with each parameter declared as the DAO
 * binds it ({@link SqlParameters}), and the result columns it describes are matched to the
 * return type ({@link SqlResults}). Errors go on the method, with the server's position drawn
 * under the statement and a "did you mean" from the schema.
 */
public final class SqlChecker {
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("column \"?(?:[^\\s\".]+\\.)?([^\\s\"]+)\"? does not exist");
  private static final Pattern UNKNOWN_RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("function ([\\w.]+)\\(");
  private static final Pattern HINTED_COLUMN = Pattern.compile("column \"(?:[^\"]+\\.)?([^\".]+)\"");

  private final Diagnostics diagnostics;
  private final VerifySession session;
  private final Function<String, SqlType> types;
  /** Names, unqualified, of the tables the checking database could not create. */
  private final List<Pattern> notCreated;

  public SqlChecker(Diagnostics diagnostics, VerifySession session, Set<String> notCreated) {
    this.diagnostics = diagnostics;
    this.session = session;
    this.notCreated = notCreated.stream().map(table -> Pattern.compile(
        "(?<![\\w.$\"])\"?" + Pattern.quote(table) + "\"?(?![\\w$\".])", Pattern.CASE_INSENSITIVE)).toList();
    this.types = SqlResults.lookup(session.connection());
  }

  /** Checks one method; false after reporting an error on it. */
  public boolean check(QueryModel q, AnnotationMirror sql, AnnotationValue text) {
    if (usesTableNotCreated(q.sql())) {
      return true; // said once, as [QuarrySqlNotChecked], for the table
    }
    List<Bound> bounds = q.markers().stream().map(Bound::of).toList();
    Outcome outcome = SqlParameters.describe(session.connection(), q.sql(), bounds);
    Problem problem = outcome.problem();
    if (problem != null && problem.kind() == Kind.PARAMETER_TYPE) {
      error(q, sql, text, Messages.sqlParameterType(String.join("; ", problem.parts()), serverMessage(problem.cause()),
          problem.inStatement() ? caret(q.statement(), problem.cause()) : ""));
      return false;
    }
    if (problem != null) {
      error(q, sql, text, Messages.sqlInvalid(serverMessage(problem.cause()), caret(q.statement(), problem.cause()),
          suggestion(problem.cause())));
      return false;
    }
    List<String> mismatches = SqlResults.problems(q, outcome.columns(), types);
    if (mismatches.isEmpty()) {
      return true;
    }
    error(q, sql, text, Messages.sqlResultMismatch(q.resultType().toString(), String.join("; ", mismatches)));
    return false;
  }

  /**
   * Whether {@code statement} names, unqualified, a table the checking database could not create:
   * it cannot be checked. Not by the server's answer, which would find a table of that name
   * further along a {@code -Aquarry.verify.url} database's search path and check against it. A
   * word that only looks like the table (a column, an alias, text in a literal) leaves the
   * statement unchecked too: never a wrong error.
   */
  private boolean usesTableNotCreated(String statement) {
    return notCreated.stream().anyMatch(table -> table.matcher(statement).find());
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
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String message = server != null ? server.getMessage() : String.valueOf(e.getMessage());
    // PostgreSQL's own hint names a column of a table the statement reads: first among equals.
    Matcher hinted = HINTED_COLUMN.matcher(server == null || server.getHint() == null ? "" : server.getHint());
    Optional<String> hint = match(UNKNOWN_COLUMN, message, "42703".equals(e.getSQLState()),
        "SELECT DISTINCT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            + "ORDER BY column_name", hinted.find() ? hinted.group(1) : null);
    if (hint.isEmpty()) {
      hint = match(UNKNOWN_RELATION, message, "42P01".equals(e.getSQLState()),
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
              + "ORDER BY table_name", null);
    }
    if (hint.isEmpty()) {
      hint = match(UNKNOWN_FUNCTION, message, "42883".equals(e.getSQLState()),
          "SELECT DISTINCT proname FROM pg_proc ORDER BY proname", null);
    }
    return hint.orElse("");
  }

  private Optional<String> match(Pattern pattern, String message, boolean applies, String candidates,
      String first) {
    if (!applies) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    String name = m.group(1);
    List<String> known = new ArrayList<>();
    if (first != null) {
      known.add(first);
    }
    session.names(candidates).stream().filter(k -> !k.equalsIgnoreCase(name) && !k.equals(first)).forEach(known::add);
    String suggestion = Messages.didYouMean(name, known);
    return suggestion.isEmpty() ? Optional.empty() : Optional.of(suggestion);
  }

  private void error(QueryModel q, AnnotationMirror sql, AnnotationValue text, String message) {
    diagnostics.error(q.method(), sql, text, message);
  }
}
