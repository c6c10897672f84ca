package dev.quarry.processor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.processor.verify.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlTypes#isBuiltIn} and {@link SqlTypes#fromText} against PostgreSQL itself: every name
 * taken as built in is one of {@code pg_catalog}'s own types and never a domain, and a text value
 * read with {@code fromText} is what PostgreSQL's input function for the type makes of it (a
 * parameter sent without a type, as the runtime's {@code Binds.setUnspecifiedString} sends it),
 * never what a cast of {@code text} makes of it.
 */
class SqlTypesTest {
  static Connection c;

  @BeforeAll
  static void connect() throws Exception {
    c = DriverManager.getConnection(LocalPostgres.acquire().url());
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS sql_types_test CASCADE");
      s.execute("CREATE SCHEMA sql_types_test");
      s.execute("SET search_path TO sql_types_test");
      s.execute("CREATE DOMAIN code3 AS varchar(3)");
      s.execute("CREATE DOMAIN pad3 AS char(3)");
      s.execute("CREATE DOMAIN bits3 AS bit(3)");
      s.execute("CREATE DOMAIN cents AS numeric(6,2) CHECK (VALUE >= 0)");
      s.execute("CREATE TYPE mood AS ENUM ('ok', 'sad')");
      s.execute("CREATE DOMAIN host AS inet");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA sql_types_test CASCADE");
    }
    c.close();
    LocalPostgres.release();
  }

  @Test
  void everyBuiltInNameIsPgCatalogsOwnTypeAndNoDomain() throws SQLException {
    List<String> names = new ArrayList<>(SqlTypes.BUILT_IN);
    names.addAll(List.of("interval day to second", "pg_catalog.varchar", "timestamp(3) with time zone",
        "numeric(10, 2)[]", "double  precision", "\"char\"", "pg_catalog.\"varchar\"", "VARCHAR(8)", "\"text\"[]"));
    try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, t.typtype FROM pg_type t "
        + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = CAST(? AS regtype)")) {
      for (String name : names) {
        assertTrue(SqlTypes.isBuiltIn(name), name);
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), name);
          assertEquals("pg_catalog", rs.getString(1), name);
          assertFalse(rs.getString(2).equals("d"), name + " is a domain");
        }
      }
    }
    for (String other : List.of("code3", "public.text", "\"varchar\"x", "mood", "citext", "code3[]", "sql_types_test.inet",
        "\"CHAR\"", "\"Text\"", "\"double precision\"", "\"int4\"\"\"")) {
      assertFalse(SqlTypes.isBuiltIn(other), other);
    }
  }

  @Test
  void aTextValueIsReadAsTheTypesInputFunctionReadsIt() throws SQLException {
    List<String[]> cases = List.of(
        new String[] {"code3", "ab", "abc", "abc ", "abcd", "abc  x", "", "NULL", "\"{,}", " a"},
        new String[] {"pad3", "a", "abc", "abc  ", "abcd"},
        new String[] {"bits3", "101", "1", "1010"},
        new String[] {"cents", "1.005", "-1", "9999.995", "12"},
        new String[] {"mood", "ok", "happy"},
        new String[] {"host", "10.0.0.1/32", "::1", "nope"},
        new String[] {"code3[]", "{ab,abcd}", "{\"abc \",NULL}"},
        new String[] {"varchar", "abcdef"},
        new String[] {"numeric", "1e3"});
    for (String[] row : cases) {
      String type = row[0];
      for (String value : Arrays.copyOfRange(row, 1, row.length)) {
        String expected = read("SELECT CAST(CAST(? AS " + type + ") AS text)", value, true);
        String actual = read("SELECT CAST(" + SqlTypes.fromText("CAST(? AS text)", type) + " AS text)", value, false);
        assertEquals(expected, actual, type + " " + value);
      }
    }
    // the cast fromText avoids: it cuts
    assertEquals("abc", read("SELECT CAST(CAST(CAST(? AS text) AS code3) AS text)", "abcd", false));
  }

  /** The statement's one value as text, or {@code "refused <SQLSTATE>"}; {@code untyped}: the parameter has no type. */
  private static String read(String sql, String value, boolean untyped) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (untyped) {
        ps.setObject(1, value, java.sql.Types.OTHER);
      } else {
        ps.setString(1, value);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      return "refused " + e.getSQLState();
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
