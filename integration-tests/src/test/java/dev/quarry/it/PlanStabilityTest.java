package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every generated statement of the integration-test records keeps to its index when PostgreSQL
 * plans it without the values: the plan a prepared statement gets once the plan cache turns
 * generic (pgjdbc prepares on the server from the fifth run, and PostgreSQL may then keep one
 * generic plan). A generic plan estimates every predicate by default selectivities, and some
 * forms that a custom plan serves from an index read the table instead: an {@code EXISTS} over
 * a row-value inequality is costed as a sequential scan that stops at the first match, which on
 * an append-only table reads nearly all of it.
 *
 * <p>All tables are filled with {@value #ROWS} rows from the catalog ({@link TableFiller}); each
 * statement runs through pgjdbc with sample values, and {@code auto_explain} reports the plan
 * that ran ({@link Plans}). A relation that the statement can seek by an index condition (the
 * plan with sequential scans disabled has one) must not be read by a sequential scan, under
 * {@code plan_cache_mode = force_generic_plan}, nor after the fifth run under the default.
 */
class PlanStabilityTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int ROWS = 20_000;
  private static final Pattern TABLE_STATEMENT = Pattern.compile("(?is)\\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\\b.*");

  /** A generated statement and where it is declared. */
  record Generated(String owner, String sql) {
    @Override
    public String toString() {
      return owner + ":\n" + sql;
    }
  }

  static List<Generated> statements;
  /** Why the last statement that ended early did. */
  private static String skipped;

  @BeforeAll
  static void everyTableFilled() throws Exception {
    // auto_explain ships with PostgreSQL's contrib modules and LOAD needs a superuser: a database
    // that cannot give either (a restricted QUARRY_JDBC_URL) cannot run this guard, and says why.
    pg.db().withConnection(c -> {
      try {
        Plans.capture(c);
      } catch (SQLException e) {
        org.junit.jupiter.api.Assumptions.abort("the plan-stability guard needs LOAD 'auto_explain' (a superuser and "
            + "PostgreSQL's contrib modules): " + e.getMessage());
      }
      return null;
    });
    pg.sql(GeneratedCode.DOMAINS);
    pg.sql(GeneratedCode.schemaSql());
    pg.db().withConnection(c -> {
      TableFiller.fill(c, pg.schema(), ROWS);
      return null;
    });
    statements = generatedStatements();
  }

  @Test
  void genericPlansSeekWhereAnIndexServesThePredicate() throws SQLException {
    List<String> failures = new ArrayList<>();
    int seeking = check(failures, "force_generic_plan", 1);
    assertTrue(failures.isEmpty(), failures.size() + " generated statements scan a table they could seek under a generic plan:\n\n"
        + String.join("\n\n", failures));
    // The guard must have had something to guard: most generated reads and writes seek.
    assertTrue(seeking > 200, "only " + seeking + " statements seek an index; did the fill or the statement list break?");
  }

  @Test
  void defaultPlanCacheKeepsTheSeekPastTheFifthRun() throws SQLException {
    List<String> failures = new ArrayList<>();
    // pgjdbc runs a statement unnamed four times, then prepares it on the server; PostgreSQL
    // plans a prepared statement with its values five times, then may keep one generic plan.
    int seeking = check(failures, "auto", 12);
    assertTrue(failures.isEmpty(), failures.size() + " generated statements leave their index after the fifth run:\n\n"
        + String.join("\n\n", failures));
    assertTrue(seeking > 200, "only " + seeking + " statements seek an index");
  }

  /** The guard is not blind: the probe keyset slices used to run is caught, on the same tables. */
  @Test
  void anExistsProbeOverARowValueInequalityIsCaught() throws SQLException {
    List<String> failures = new ArrayList<>();
    String old = "SELECT EXISTS (\n  SELECT 1 FROM articles WHERE (published_at, id) > (?, ?) AND deleted_at IS NULL)";
    pg.db().withConnection(c -> {
      Plans.capture(c);
      set(c, "session_replication_role", "replica");
      checkOne(c, new Generated("the probe before 0.2", old), "force_generic_plan", 1, failures);
      return null;
    });
    assertTrue(failures.size() == 1 && failures.get(0).contains("articles"), String.join("\n", failures));
  }

  /**
   * Runs every statement under {@code mode}, {@code runs} times, and compares the last plan with
   * the seeks the statement can make; returns how many statements seek at all.
   */
  private static int check(List<String> failures, String mode, int runs) throws SQLException {
    return pg.db().withConnection(c -> {
      int seeking = 0;
      Plans.capture(c);
      // Deletes by key must run although rows reference them: foreign-key triggers are not the plan checked.
      set(c, "session_replication_role", "replica");
      for (Generated g : statements) {
        if (checkOne(c, g, mode, runs, failures)) {
          seeking++;
        }
      }
      return seeking;
    });
  }

  /**
   * One statement; true when it can seek an index. Statements run in auto-commit mode: only
   * then does PostgreSQL end the executor, and auto_explain report, before the statement's
   * response (in a transaction the unnamed portal lives on). Their writes stay in this scratch
   * schema; plans come from the statistics of the fill, which they do not change.
   */
  private static boolean checkOne(Connection c, Generated g, String mode, int runs, List<String> failures)
      throws SQLException {
    try {
      return checkPlans(c, g, mode, runs, failures);
    } catch (SQLException e) {
      failures.add(g + "\ndoes not run: " + e.getMessage());
      return false;
    }
  }

  private static boolean checkPlans(Connection c, Generated g, String mode, int runs, List<String> failures)
      throws SQLException {
    java.util.Optional<Plans.Plan> reference = seekable(c, g);
    if (reference.isEmpty()) {
      if (g.sql().contains("\nWHERE ") && !g.sql().startsWith("INSERT")) {
        // A statement with a predicate must be checked: sample values have to fit it.
        failures.add(g + "\nhas a predicate but does not run with sample values: " + skipped);
      }
      return false;
    }
    Set<String> seekable = seekable(c, reference.get());
    if (seekable.isEmpty()) {
      return false;
    }
    set(c, "plan_cache_mode", mode);
    Plans.Plan last = null;
    try (PreparedStatement ps = c.prepareStatement(g.sql())) {
      if (mode.equals("force_generic_plan")) {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
      }
      bindSamples(c, ps, g.sql());
      for (int i = 0; i < runs; i++) {
        last = run(ps).orElse(last);
      }
    } finally {
      set(c, "plan_cache_mode", "auto");
    }
    if (last == null) {
      return true;
    }
    Set<String> lost = new HashSet<>(seekable);
    lost.retainAll(last.seqScanned());
    if (!lost.isEmpty()) {
      failures.add(g + "\nreads " + lost + " by Seq Scan under plan_cache_mode=" + mode + "; plan:\n" + last.text()
          + "\nwith sequential scans disabled:\n" + reference.get().text());
    }
    return true;
  }

  /**
   * The relations a plan seeks: read through an index whose leading column is under the
   * condition. A condition on a later column only (a range of the partition key, which a
   * partition's primary key holds second) filters a whole-index read, no better than the table.
   */
  private static Set<String> seekable(Connection c, Plans.Plan plan) throws SQLException {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Plans.Seek seek : plan.seeks()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(a.attname) FROM pg_index i"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
          + " WHERE i.indexrelid = to_regclass(quote_ident(?))")) {
        ps.setString(1, seek.index());
        try (ResultSet rs = ps.executeQuery()) {
          // An expression index (indkey 0) counts: its condition names the expression.
          if (!rs.next() || Pattern.compile("\\b" + Pattern.quote(rs.getString(1)) + "\\b").matcher(seek.condition()).find()) {
            out.add(seek.relation());
          }
        }
      }
    }
    return out;
  }

  /**
   * The generic plan with sequential scans disabled: the relations it reads by an index
   * condition are those the statement can seek. Empty when sample values do not fit.
   */
  private static java.util.Optional<Plans.Plan> seekable(Connection c, Generated g) throws SQLException {
    set(c, "enable_seqscan", "off");
    set(c, "plan_cache_mode", "force_generic_plan");
    try (PreparedStatement ps = c.prepareStatement(g.sql())) {
      // Unnamed every time, so that this plan is made now and never reused by the runs checked.
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
      bindSamples(c, ps, g.sql());
      return run(ps);
    } finally {
      set(c, "enable_seqscan", "on");
      set(c, "plan_cache_mode", "auto");
    }
  }

  /**
   * Runs once and returns the plan auto_explain reported. Empty when sample values do not fit
   * the data (class 22, such as text that is not JSON) or break an integrity constraint (class
   * 23, a duplicate key): the statement was planned but never finished. Only statements without
   * a WHERE clause (inserts) may end so; see {@link #checkPlans}.
   */
  private static java.util.Optional<Plans.Plan> run(PreparedStatement ps) throws SQLException {
    try {
      ps.clearWarnings();
      ps.execute();
      List<Plans.Plan> plans = Plans.of(ps.getWarnings());
      if (plans.isEmpty()) {
        throw new IllegalStateException("auto_explain reported no plan");
      }
      return java.util.Optional.of(plans.get(plans.size() - 1));
    } catch (SQLException e) {
      if (e.getSQLState() != null && (e.getSQLState().startsWith("22") || e.getSQLState().startsWith("23"))) {
        skipped = e.getMessage();
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Binds a value from the middle of the filled rows to each parameter, as text the server reads
   * in the parameter's own type; a {@code LIMIT} gets 21, an {@code OFFSET} 0.
   */
  private static void bindSamples(Connection c, PreparedStatement ps, String sql) throws SQLException {
    ParameterMetaData meta = ps.getParameterMetaData();
    List<String> before = keywordsBeforeParameters(sql);
    for (int i = 1; i <= meta.getParameterCount(); i++) {
      String keyword = i <= before.size() ? before.get(i - 1) : "";
      String value = keyword.equals("LIMIT") ? "21" : keyword.equals("OFFSET") ? "0" : sample(c, meta.getParameterTypeName(i));
      ps.setObject(i, value, Types.OTHER);
    }
  }

  /** The word before each {@code ?} outside quotes, upper case. */
  private static List<String> keywordsBeforeParameters(String sql) {
    List<String> words = new ArrayList<>();
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '?') {
        String head = sql.substring(0, i).stripTrailing();
        int start = head.length();
        while (start > 0 && Character.isLetter(head.charAt(start - 1))) {
          start--;
        }
        words.add(head.substring(start).toUpperCase(java.util.Locale.ROOT));
      }
    }
    return words;
  }

  /** The middle filled row's value for a parameter type, as text. */
  private static String sample(Connection c, String typeName) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT t.typtype, t.typcategory, e.typname, format_type(t.oid, NULL),"
        + " format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END, NULL)"
        + " FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'"
        + " WHERE t.oid = to_regtype(quote_ident(?))")) {
      ps.setString(1, typeName);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no type " + typeName);
        }
        if (rs.getString(1).equals("e")) {
          return scalar(c, "(enum_range(NULL::" + rs.getString(4) + "))[1]");
        }
        if (rs.getString(3) != null) {
          return "{\"" + sample(c, rs.getString(3)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        }
        return scalar(c, "CAST(" + TableFiller.valueOf(rs.getString(5)) + " AS " + rs.getString(4) + ")");
      }
    }
  }

  private static String scalar(Connection c, String expression) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CAST(" + expression + " AS text) FROM (SELECT " + ROWS / 2 + " AS g) AS s")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void set(Connection c, String setting, String value) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET " + setting + " = " + value);
    }
  }

  /** The SQL constants of every generated DAO listed in the processor's index. */
  private static List<Generated> generatedStatements() throws IOException, ReflectiveOperationException {
    List<Generated> out = new ArrayList<>();
    for (Class<?> dao : GeneratedCode.daos()) {
      for (Field f : dao.getFields()) {
        if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
          String sql = (String) f.get(null);
          // Staging tables exist only inside a bulk call.
          // QUERY_ constants hold the application's own @Sql, not generated statements.
          if (TABLE_STATEMENT.matcher(sql).matches() && !sql.contains("quarry_stage") && !f.getName().startsWith("QUERY_")) {
            out.add(new Generated(dao.getSimpleName() + "." + f.getName(), sql));
          }
        }
      }
    }
    return out;
  }
}
