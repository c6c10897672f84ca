package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which bulk upserts de-duplicate and order their rows in Java ({@code LastGiven}) instead of
 * with PostgreSQL's {@code DISTINCT ON}: exactly those whose key columns are {@code smallint},
 * {@code integer}, {@code bigint} or {@code uuid} and never null, the types whose Java equality and
 * order are PostgreSQL's ({@code LastGivenDifferentialTest} checks that on PostgreSQL). Any other
 * key type taken into Java would merge keys PostgreSQL keeps apart or the reverse.
 */
class KeysInJavaTest {
  /** A record's components, and its bulk upserts that order their keys in Java. */
  record Case(String components, List<String> inJava) {
    Case(String components, String... inJava) {
      this(components, List.of(inJava));
    }
  }

  static final List<Case> CASES = List.of(
      new Case("@Id long id, String label", "MERGE_ALL"),
      new Case("@Id int id, String label", "MERGE_ALL"),
      new Case("@Id short id, String label", "MERGE_ALL"),
      new Case("@Id @Identity Long id, String label", "MERGE_ALL"),
      new Case("@Id UUID id, String label", "MERGE_ALL"),
      new Case("@Id UUID id, @Id long part, String label", "MERGE_ALL"),
      new Case("@Id short a, @Id int b, @Id long c, String label", "MERGE_ALL"),
      new Case("@Id String id, String label"),
      new Case("@Id BigDecimal id, String label"),
      new Case("@Id Instant id, String label"),
      new Case("@Id long id, @Id Instant at, String label"),
      new Case("@Id Long id, String label"),
      new Case("@Id Integer id, String label"),
      new Case("@Id @Column(type = \"numeric(20)\") long id, String label"),
      new Case("@Id long id, @Unique long code, String label", "MERGE_ALL", "MERGE_ALL_BY_CODE"),
      new Case("@Id long id, @Unique String code, String label", "MERGE_ALL"),
      new Case("@Id String id, @Unique UUID code, String label"),
      new Case("@Id String id, @Unique Long code, String label"));

  /**
   * The comparators of some keys: UUIDs by {@code LastGiven.UUID_ORDER} (unsigned bytes, as
   * PostgreSQL), primitives by their value, boxed identities naturally.
   */
  static final Map<String, String> COMPARATORS = Map.of(
      "@Id UUID id, @Id long part, String label", "Comparator.comparing(R::id,LastGiven.UUID_ORDER).thenComparingLong(R::part)",
      "@Id short a, @Id int b, @Id long c, String label",
      "Comparator.comparingInt(R::a).thenComparingInt(R::b).thenComparingLong(R::c)",
      "@Id @Identity Long id, String label", "Comparator.comparing(R::id)",
      "@Id UUID id, String label", "Comparator.comparing(R::id,LastGiven.UUID_ORDER)");

  private static final Pattern MERGE = Pattern.compile("public static final String (MERGE_ALL\\w*) = ([^;]*);");

  @Test
  void onlyIntegerAndUuidKeysThatAreNeverNullAreOrderedInJava() throws IOException {
    for (Case c : CASES) {
      Compilation compilation = Compiling.compile("inline.R", "package inline;", "import dev.quarry.*;",
          "import java.math.BigDecimal;", "import java.time.Instant;", "import java.util.UUID;",
          "@Table(\"r\") public record R(" + c.components() + ") {}");
      assertThat(compilation).succeededWithoutWarnings();
      String dao = compilation.generatedSourceFile("inline.RDao").orElseThrow().getCharContent(true).toString();
      Matcher m = MERGE.matcher(dao);
      int upserts = 0;
      while (m.find()) {
        boolean inJava = c.inJava().contains(m.group(1));
        String order = m.group(1).replace("MERGE_ALL", "KEY_ORDER");
        assertEquals(inJava, !m.group(2).contains("DISTINCT ON"), c + ": " + m.group(1));
        assertEquals(inJava, dao.contains(" " + order + " = "), c + ": comparator " + order);
        if (inJava && order.equals("KEY_ORDER") && COMPARATORS.containsKey(c.components())) {
          String declared = dao.substring(dao.indexOf(" KEY_ORDER = ") + 13);
          assertEquals(COMPARATORS.get(c.components()), declared.substring(0, declared.indexOf(';')).replaceAll("\\s+", ""),
              c + ": the comparator compares as PostgreSQL does");
        }
        assertEquals(inJava, dao.contains("LastGiven.inKeyOrder(keyed(c, rows), " + order + ")"), c + ": " + order + " used");
        upserts++;
      }
      assertEquals(c.components().contains("@Unique") ? 2 : 1, upserts, c + ": bulk upserts");
    }
  }
}
