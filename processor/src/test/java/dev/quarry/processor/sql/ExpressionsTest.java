package dev.quarry.processor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.processor.sql.Expressions.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

  static Optional<Problem> problem(String text) {
    return Expressions.problem(text).map(Expressions.Finding::problem);
  }

  @Test
  void oneExpressionPasses() {
    for (String ok : List.of("amount > 0", "ends_at > starts_at AND (seats BETWEEN 1 AND 12)",
        "note !~ '[;(]'", "note <> 'it''s; fine'", "E'\\'; (' <> note", "\"odd;name\" > 0",
        "body <> $$;)($$", "body <> $tag$ $$ ; $tag$", "a > 0 /* a /* nested ; */ comment */",
        "a > 0 -- positive\n", "coalesce(a, 0) > 1", "a IN (1, 2, 3)", "x::text <> ''")) {
      assertEquals(Optional.empty(), problem(ok), ok);
    }
  }

  @Test
  void eachWayOutIsFound() {
    assertEquals(Optional.of(Problem.SEPARATOR), problem("a > 0; DROP TABLE t"));
    assertEquals(Optional.of(Problem.UNOPENED_PARENTHESIS), problem("a > 0) OR (true"));
    assertEquals(Optional.of(Problem.UNCLOSED_PARENTHESIS), problem("(a > 0"));
    assertEquals(Optional.of(Problem.LINE_COMMENT), problem("a > 0 -- positive"));
    assertEquals(Optional.of(Problem.UNCLOSED_STRING), problem("note <> 'it''s"));
    assertEquals(Optional.of(Problem.UNCLOSED_STRING), problem("note <> E'\\'"));
    assertEquals(Optional.of(Problem.UNCLOSED_IDENTIFIER), problem("\"odd > 0"));
    assertEquals(Optional.of(Problem.UNCLOSED_DOLLAR_QUOTE), problem("note <> $x$abc$y$"));
    assertEquals(Optional.of(Problem.UNCLOSED_COMMENT), problem("a > 0 /* /* */"));
    assertEquals(Optional.of(Problem.LIST), problem("a > 0, b > 0"));
    assertEquals(Optional.of(Problem.EMPTY), problem("  /* nothing */ "));
    assertEquals(Optional.of(Problem.NUL), problem("a > 0\0"));
  }

  @Test
  void offsetsPointAtTheProblem() {
    assertEquals(5, Expressions.problem("a > 0; b").orElseThrow().offset());
    assertEquals(0, Expressions.problem("(a > (0)").orElseThrow().offset());
  }

  @Test
  void identifiersAreFoldedAndQuotedOnesKept() {
    assertEquals(List.of("ends_at", "starts_at", "and", "Mixed", "and", "length", "note"),
        Expressions.identifiers("Ends_At > starts_at AND \"Mixed\" > 0 AND length(note) > E'x' /* skipped */"));
  }
}
