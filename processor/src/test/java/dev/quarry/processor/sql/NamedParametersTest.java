package dev.quarry.processor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

class NamedParametersTest {
  @Test
  void parametersBecomeMarkersInOrderRepeatsIncluded() {
    NamedParameters p = NamedParameters.parse("SELECT * FROM t WHERE a = :a AND b IN (:b, :a)");
    assertEquals("SELECT * FROM t WHERE a = ? AND b IN (?, ?)", p.sql());
    assertEquals(List.of("a", "b", "a"), p.names());
    assertEquals("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)", p.nativeSql());
  }

  @Test
  void castsLiteralsIdentifiersCommentsAndDollarQuotesAreLeftAlone() {
    String sql = "SELECT x::text, ':no', \"col:no\", $$ :no $$, $tag$ :no $tag$, $1 -- :no\n"
        + "/* :no /* nested :no */ :no */ FROM t WHERE y = :yes AND z = 'it''s :no' AND e = E'\\' :no'";
    NamedParameters p = NamedParameters.parse(sql);
    assertEquals(List.of("yes"), p.names());
    assertEquals(sql.replace(":yes", "?"), p.sql());
  }

  @Test
  void jsonbQuestionMarkOperatorsAreEscapedForPgjdbcOutsideLiteralsOnly() {
    NamedParameters p = NamedParameters.parse(
        "SELECT * FROM docs WHERE meta ? :key AND meta ?| ARRAY['a?'] AND meta ?& :keys AND meta @? '$.a ? (@ > 1)'");
    assertEquals("SELECT * FROM docs WHERE meta ?? ? AND meta ??| ARRAY['a?'] AND meta ??& ? AND meta @?? '$.a ? (@ > 1)'",
        p.sql());
    assertEquals(List.of("key", "keys"), p.names());
  }

  @Test
  void arraySlicesAreNotParameters() {
    NamedParameters p = NamedParameters.parse("SELECT a[1:2], a[lo:hi], a[:lo : :hi], a[f(x):n], a[:n] FROM t");
    assertEquals(List.of("lo", "hi", "n"), p.names());
    assertEquals("SELECT a[1:2], a[lo:hi], a[? : ?], a[f(x):n], a[?] FROM t", p.sql());
  }

  @Test
  void dollarInsideAWordDoesNotOpenAQuote() {
    NamedParameters p = NamedParameters.parse("SELECT a$b$c, x$$ FROM t WHERE y = :y");
    assertEquals(List.of("y"), p.names());
  }

  @Test
  void serverPositionsMapBackIntoTheWrittenText() {
    NamedParameters p = NamedParameters.parse("SELECT :alpha, :b, nmae FROM t");
    String nativeSql = p.nativeSql();
    assertEquals("SELECT $1, $2, nmae FROM t", nativeSql);
    assertEquals(p.text().indexOf("nmae"), p.textIndex(nativeSql.indexOf("nmae")));
    assertEquals(p.text().indexOf(":b"), p.textIndex(nativeSql.indexOf("$2")));
    assertEquals(0, p.textIndex(0));
  }

  /**
   * Differential: over seeded random statements mixing every construct, pgjdbc's own parser,
   * given the JDBC text, must send PostgreSQL exactly the statement written with {@code $n}
   * for each parameter, and bind as many values as there are names.
   */
  @Test
  void pgjdbcSendsExactlyTheStatementWritten() throws Exception {
    long seed = Long.getLong("quarry.seed", 20261130L);
    Random random = new Random(seed);
    for (int round = 0; round < 20_000; round++) {
      Generated g = generate(random);
      NamedParameters p = NamedParameters.parse(g.text);
      String context = "seed " + seed + ", round " + round + ": " + g.text;
      assertEquals(g.names, p.names(), context);
      List<NativeQuery> parsed = Parser.parseJdbcSql(p.sql(), true, true, false, false, false);
      assertEquals(1, parsed.size(), context);
      assertEquals(p.nativeSql(), parsed.get(0).nativeSql, context);
      assertEquals(g.names.size(), parsed.get(0).bindPositions.length, context);
      assertEquals(g.expectedNative(), p.nativeSql(), context);
    }
  }

  private record Generated(String text, List<String> names, List<String> pieces) {
    /** The text with the n-th parameter written {@code $n}. */
    String expectedNative() {
      StringBuilder b = new StringBuilder();
      int k = 0;
      for (String piece : pieces) {
        b.append(piece.matches(":p\\d(_x)?") ? "$" + ++k : piece);
      }
      return b.toString();
    }
  }

  /** Pieces that are never parameters, whatever is around them (separators keep them apart). */
  private static final String[] INERT = {
      "SELECT", "meta", "?", "?|", "?&", "@?", "?-|", "::jsonb", "::text[]", "'a?b:c'", "'it''s :x ?'",
      "E'\\' :x ?'", "e'\\\\'", "$$ :x ? $$", "$t$ ? :x $$ $t$", "$_1$:x$_1$", "\"col:x?\"", "\"a\"\"b:c\"",
      "-- :x ? 'x\n", "/* :x ? */", "/* /* :y ? */ '? */", "arr[1:2]", "arr[lo:hi]", "arr[f(x):n]", "x$y",
      "a$$b", "$1", "U&'d?:x'", "B'101'", "=", "||", "(", ")", ",", "1", "[", "]", "'{\"a\": 1}'::jsonb",
      "jsonb_path_exists(d, '$.a ? (@ > :x)')", ":=", "=>"};
  private static final String[] SEPARATORS = {" ", "\n", "  ", "\t"};

  private static Generated generate(Random random) {
    List<String> pieces = new ArrayList<>();
    List<String> names = new ArrayList<>();
    pieces.add("SELECT");
    int length = 1 + random.nextInt(14);
    for (int i = 0; i < length; i++) {
      pieces.add(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      if (random.nextInt(4) == 0) {
        String name = "p" + random.nextInt(5) + (random.nextBoolean() ? "" : "_x");
        names.add(name);
        pieces.add(":" + name);
      } else {
        String piece = INERT[random.nextInt(INERT.length)];
        pieces.add(piece);
        if (piece.startsWith("--")) {
          pieces.add("\n");
        }
      }
    }
    return new Generated(String.join("", pieces), names, pieces);
  }
}
