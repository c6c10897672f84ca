package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.processor.sql.Expressions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The compile-time {@code @Check} rule against PostgreSQL itself: random texts built from the
 * pieces that can end a statement or escape parentheses (quotes, dollar quotes, comments,
 * separators) are placed in {@code CHECK (...)} exactly as the generated DDL places them. Every
 * text the processor accepts must, when PostgreSQL runs the statement, create one table with
 * one CHECK constraint and nothing else (or fail); none may smuggle in a second constraint or
 * a second statement.
 */
class CheckExpressionDifferentialTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final long SEED = Long.getLong("quarry.seed", 0x5155_4152_5259_0018L);
  /** Each case runs DDL in PostgreSQL (a few ms); raise with -Dquarry.cases for a longer search. */
  static final int CASES = Integer.getInteger("quarry.cases", 250);
  /** Conditions that run on their own. */
  static final String[] ATOMS = {
      "a > 0", "b <> 'x'", "(a = 1)", "b <> ''", "length(b) < 5", "\"a\" > 0", "b <> $$;$$", "b <> E'\\''", "true"};
  static final String[] JOINS = {" AND ", " OR ", " AND NOT "};
  /** Pieces that end statements, open or close quotes and comments, or escape parentheses. */
  static final String[] NOISE = {
      "'", "''", "\"", "(", ")", ";", "--", "/*", "*/", "$$", "$t$", ",", "E'", "\\", "\n", " CONSTRAINT d CHECK (",
      "; DROP TABLE dt", "); CREATE TABLE e (x int", "-", "*", "/", " /* c */ ", " -- c\n"};

  @Test
  void everyAcceptedTextStaysOneConstraintOfOneStatement() throws SQLException {
    Random random = new Random(SEED);
    int accepted = 0;
    int ran = 0;
    try (Connection c = ((DataSource) pg.dataSource()).getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (int i = 0; i < CASES; i++) {
        StringBuilder text = new StringBuilder(pick(random, ATOMS));
        for (int n = random.nextInt(3); n > 0; n--) {
          text.append(pick(random, JOINS)).append(pick(random, ATOMS));
        }
        for (int n = random.nextInt(4); n > 0; n--) {
          text.insert(random.nextInt(text.length() + 1), pick(random, NOISE));
        }
        if (Expressions.problem(text.toString()).isPresent()) {
          continue;
        }
        accepted++;
        ran += outcome(c, s, text.toString()) ? 1 : 0;
      }
      c.rollback();
    }
    assertTrue(accepted > CASES / 6, "seed " + SEED + ": the generator must reach accepted texts, reached " + accepted);
    assertTrue(ran > CASES / 10, "seed " + SEED + ": some accepted texts must run, ran " + ran);
  }

  private static String pick(Random random, String[] from) {
    return from[random.nextInt(from.length)];
  }

  /** Control: without the rule, a text that closes the parenthesis adds a constraint, and the check sees it. */
  @Test
  void theOutcomeCheckCatchesAnEscape() throws SQLException {
    String escape = "a > 0), CONSTRAINT d CHECK (b <> ''";
    assertTrue(Expressions.problem(escape).isPresent());
    try (Connection c = ((DataSource) pg.dataSource()).getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SAVEPOINT t");
      s.execute(ddl(escape));
      assertEquals(2, count(s, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'dt'::regclass"));
      c.rollback();
    }
  }

  /** Runs the DDL; true when it succeeded, having checked it made exactly one table with one constraint. */
  private static boolean outcome(Connection c, Statement s, String text) throws SQLException {
    s.execute("SAVEPOINT t");
    long before = count(s, "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace");
    boolean ran;
    try {
      s.execute(ddl(text));
      ran = true;
    } catch (SQLException e) {
      s.execute("ROLLBACK TO SAVEPOINT t");
      return false;
    }
    long after = count(s, "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace");
    assertEquals(before + 1, after, "one new relation for " + text);
    assertEquals(1, count(s, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'dt'::regclass"), text);
    s.execute("ROLLBACK TO SAVEPOINT t");
    return ran;
  }

  private static String ddl(String text) {
    return "CREATE TABLE dt (a int, b text, CONSTRAINT c CHECK (" + text + "))";
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
