package dev.quarry.processor.check;

import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Ddl;
import dev.quarry.processor.verify.VerifySession;
import dev.quarry.processor.write.SchemaResource;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic.Kind;

/**
 * Compile-time SQL checking for one compilation: opens the checking database the first time a
 * statement needs it, keeps it holding every table of the compilation, runs {@link SqlChecker}
 * on each statement, and closes it at the end.
 *
 * <p>Modes ({@code -Aquarry.verify}): {@code on} (the default) checks when a PostgreSQL can be
 * started or reached and otherwise says so once as a NOTE; {@code required} makes that an
 * error; {@code off} checks nothing and starts nothing.
 */
public final class SqlVerification implements AutoCloseable {
  public static final String MODE_OPTION = "quarry.verify";
  public static final String URL_OPTION = "quarry.verify.url";

  private enum Mode { ON, REQUIRED, OFF }

  private final Diagnostics diagnostics;
  private final Messager messager;
  private final Mode mode;
  private final String url;
  private VerifySession session;
  /** Set once checking cannot run in this compilation; it is then said once. */
  private boolean unavailable;
  /** Tables the checking database could not create (each said once): statements on them go unchecked. */
  private final Set<String> notCreated = new HashSet<>();

  public SqlVerification(Map<String, String> options, Diagnostics diagnostics, Messager messager) {
    this.diagnostics = diagnostics;
    this.messager = messager;
    String value = options.getOrDefault(MODE_OPTION, "on").trim().toLowerCase(Locale.ROOT);
    this.mode = switch (value) {
      case "off", "false" -> Mode.OFF;
      case "required" -> Mode.REQUIRED;
      default -> Mode.ON;
    };
    String u = options.get(URL_OPTION);
    this.url = u == null || u.isBlank() ? null : u.trim();
  }

  /**
   * Checks {@code queries} against {@code tables} (every table of the compilation so far);
   * false when any statement was reported as wrong.
   */
  public boolean check(List<TableModel> tables, List<QueryModel> queries) {
    if (mode == Mode.OFF || queries.isEmpty() || !ready(tables)) {
      return true;
    }
    SqlChecker checker = new SqlChecker(diagnostics, session, notCreated);
    boolean clean = true;
    for (QueryModel q : queries) {
      AnnotationMirror sql = sqlAnnotation(q.method());
      clean &= checker.check(q, sql, value(sql));
    }
    return clean;
  }

  /** Opens the session and creates the tables it lacks; false (said once) when it cannot. */
  private boolean ready(List<TableModel> tables) {
    if (unavailable) {
      return false;
    }
    if (session == null) {
      try {
        session = VerifySession.open(url);
      } catch (Exception | LinkageError e) {
        return giveUp(Messages.sqlNotChecked((url == null ? "no embedded PostgreSQL could be started: "
            : "the database " + redact(url) + " could not be reached: ") + e.getMessage()));
      }
    }
    for (TableModel t : SchemaResource.foreignKeyOrder(tables)) {
      String key = t.element().getQualifiedName().toString();
      if (!session.has(key) && !notCreated.contains(t.table())) {
        SQLException failure = session.apply(key, Ddl.statements(t));
        if (failure != null) {
          // a type the application's migrations create, say: the statements that use this table
          // cannot be checked, every other one still is
          String parent = notCreated.stream().filter(p -> t.foreignKeys().stream()
              .anyMatch(fk -> fk.targetTable().equals(p))).findFirst().orElse(null);
          notCreated.add(t.table());
          messager.printMessage(mode == Mode.REQUIRED ? Kind.ERROR : Kind.NOTE, parent != null
              ? Messages.sqlSchemaNotAppliedParent(t.table(), parent)
              : Messages.sqlSchemaNotApplied(t.table(), serverText(failure)), t.element());
        }
      }
    }
    return true;
  }

  /** The server's own message, without the position in the generated DDL pgjdbc appends. */
  private static String serverText(SQLException e) {
    ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    return m == null || m.getMessage() == null ? String.valueOf(e.getMessage()) : m.getMessage();
  }

  private boolean giveUp(String message) {
    unavailable = true;
    messager.printMessage(mode == Mode.REQUIRED ? Kind.ERROR : Kind.NOTE, message);
    return false;
  }

  /** A URL without its password, for messages. */
  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static AnnotationMirror sqlAnnotation(ExecutableElement method) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (m.getAnnotationType().toString().equals("dev.quarry.Sql")) {
        return m;
      }
    }
    return null;
  }

  private static AnnotationValue value(AnnotationMirror m) {
    if (m == null) {
      return null;
    }
    return m.getElementValues().entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals("value"))
        .map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
