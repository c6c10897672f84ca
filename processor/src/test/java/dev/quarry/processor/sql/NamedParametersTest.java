package dev.quarry.processor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedParametersTest {
  @Test
  void parametersBecomeMarkersInOrderRepeatsIncluded() {
    NamedParameters p = NamedParameters.parse("SELECT * FROM t WHERE a = :a AND b IN (:b, :a)");
    assertEquals("SELECT * FROM t WHERE a = ? AND b IN (?, ?)", p.sql());
    assertEquals(List.of("a", "b", "a"), p.names());
  }

  @Test
  void castsLiteralsIdentifiersCommentsAndDollarQuotesAreLeftAlone() {
    String sql = "SELECT x::text, ':no', \"col:no\", $$ :no $$, $tag$ :no $tag$, $1 -- :no\n"
        + "/* :no */ FROM t WHERE y = :yes AND z = 'it''s :no'";
    NamedParameters p = NamedParameters.parse(sql);
    assertEquals(List.of("yes"), p.names());
    assertEquals(sql.replace(":yes", "?"), p.sql());
  }
}
