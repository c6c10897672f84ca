package dev.quarry.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compile-time SQL checking against a real PostgreSQL: one test per diagnostic, statements of
 * every common kind that must compile clean, the modes, and {@code -Aquarry.verify.url}. The
 * embedded server starts once and is shared by these compilations.
 */
class SqlCheckTest {
  private static final JavaFileObject SHOP = JavaFileObjects.forResource("sql/Shop.java");

  /** The tables of sql/Shop.java plus one @Queries interface made of {@code lines}. */
  private static Compilation compile(List<String> options, String... lines) {
    List<String> source = new ArrayList<>(List.of("package shop;", "import dev.quarry.*;", "import java.util.*;",
        "import java.util.stream.Stream;", "import java.time.Instant;"));
    source.addAll(List.of(lines));
    JavaFileObject queries = JavaFileObjects.forSourceLines("shop.Queries", source);
    List<String> all = new ArrayList<>(options);
    all.add("-Aquarry.verify=required");
    return javac().withProcessors(new QuarryProcessor()).withOptions(all).compile(SHOP, queries);
  }

  private static Compilation compile(String... lines) {
    return compile(List.of(), lines);
  }

  private static JavaFileObject queries(Compilation c) {
    return c.sourceFiles().stream().filter(f -> f.getName().endsWith("Queries.java")).findFirst().orElseThrow();
  }

  @Test
  void anUnknownColumnIsInvalidWithADidYouMean() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT * FROM owners WHERE nmae = :name\")",
        "  List<Owner> byName(String name);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("nmae");
    assertThat(c).hadErrorContaining("column \"nmae\" does not exist");
    assertThat(c).hadErrorContaining("did you mean 'name'");
    assertThat(c).hadErrorContaining("^ (line 1 of the statement, column 28)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void anUnknownTableIsInvalidWithADidYouMean() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT * FROM ownrs WHERE id = :id\")",
        "  Optional<Owner> byId(long id);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("ownrs");
    assertThat(c).hadErrorContaining("did you mean 'owners'");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aSyntaxErrorIsInvalidAndPointsIntoATextBlock() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"\"\"",
        "      SELECT id, email",
        "      FROM owners WHERE id = :id",
        "      ORDER BY BY email\"\"\")",
        "  List<Owner> broken(long id);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("syntax error at or near");
    assertThat(c).hadErrorContaining("line 3 of the statement");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void anUnknownFunctionIsInvalidWithADidYouMean() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT lenght(name) FROM owners WHERE id = :id\")",
        "  int nameLength(long id);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("did you mean 'length'");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aJavaTypeThatCannotBindIsAParameterTypeError() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT * FROM owners WHERE id = :id\")",
        "  Optional<Owner> byId(String id);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlParameterType]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("':id' is a java.lang.String, bound as varchar, where PostgreSQL expects int8");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aComponentTheStatementDoesNotReturnIsAResultMismatch() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  record EmailOnly(String mail) {}",
        "  @Sql(\"SELECT email FROM owners\")",
        "  List<EmailOnly> emails();",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlResultMismatch]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("'mail'");
    assertThat(c).hadErrorContaining("did you mean 'email'");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aNullableColumnIntoAPrimitiveIsAResultMismatchButCountIsNot() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  record Ages(long id, int age, long pets) {}",
        "  @Sql(\"SELECT o.id, o.age, count(*) AS pets FROM owners o GROUP BY o.id\")",
        "  List<Ages> ages();",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlResultMismatch]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("the column 'age' can be NULL");
    assertThat(c).hadErrorCount(1);
    Diagnostic<?> only = c.errors().get(0);
    assertThat(only.getMessage(null)).doesNotContain("'pets'");
  }

  @Test
  void aTypeThatCannotBeReadIsAResultMismatch() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  record Odd(long id, Instant name) {}",
        "  @Sql(\"SELECT id, name FROM owners\")",
        "  List<Odd> odd();",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlResultMismatch]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("the column 'name' is text");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aScalarMethodReturningSeveralColumnsIsAResultMismatch() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT email, name FROM owners WHERE id = :id\")",
        "  Optional<String> emailOf(long id);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlResultMismatch]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("2 columns [email, name]");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void rowsFromAStatementWithoutReturningIsAResultMismatch() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"UPDATE owners SET name = :name WHERE id = :id\")",
        "  Optional<Owner> rename(long id, String name);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlResultMismatch]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void statementsPeopleWriteEveryDayCompileClean() {
    Compilation c = compile("@Queries(Owner.class) interface OwnerQueries {",
        "  record Ranked(long id, String email, long rank) {}",
        "  record PetCount(long ownerId, long pets) {}",
        "  @Sql(\"WITH recent AS (SELECT * FROM owners WHERE id > :after) SELECT * FROM recent ORDER BY id\")",
        "  List<Owner> cte(long after);",
        "  @Sql(\"SELECT id, email, rank() OVER (ORDER BY email) AS rank FROM owners\")",
        "  Stream<Ranked> ranked();",
        "  @Sql(\"SELECT * FROM owners WHERE id = ANY(:ids)\")",
        "  List<Owner> byIds(Collection<Long> ids);",
        "  @Sql(\"INSERT INTO owners (email, name, meta) VALUES (:email, :name, :meta::jsonb) RETURNING *\")",
        "  Owner create(String email, String name, String meta);",
        "  @Sql(\"INSERT INTO owners (email, name, meta) VALUES (:email, :name, '{}') \"",
        "      + \"ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING id\")",
        "  long upsert(String email, String name);",
        "  @Sql(\"SELECT * FROM owners WHERE meta ? :key AND meta ?| ARRAY['a', 'b'] AND meta @> :doc::jsonb\")",
        "  List<Owner> tagged(String key, String doc);",
        "  @Sql(\"SELECT count(*) FROM owners WHERE name LIKE :prefix || '%'\")",
        "  long countNamed(String prefix);",
        "  @Sql(\"SELECT owner_id, count(*) AS pets FROM pets WHERE deleted_at IS NULL GROUP BY owner_id\")",
        "  List<PetCount> petCounts();",
        "  @Sql(\"SELECT note FROM visits WHERE at >= :from AND at < :to AND pet_id = :petId\")",
        "  List<String> notes(Instant from, Instant to, long petId);",
        "  @Sql(\"UPDATE owners SET name = :name WHERE id = :id\")",
        "  int[] renameAll(List<Owner> owners);",
        "  @Sql(\"DELETE FROM owners WHERE id = :id\")",
        "  int delete(long id);",
        "}");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void offChecksNothing() {
    Compilation c = javac().withProcessors(new QuarryProcessor()).withOptions("-Aquarry.verify=off")
        .compile(SHOP, JavaFileObjects.forSourceLines("shop.Queries", "package shop;", "import dev.quarry.*;",
            "import java.util.*;",
            "@Queries(Owner.class) interface OwnerQueries {",
            "  @Sql(\"SELECT * FROM ownrs\")",
            "  List<Owner> all();",
            "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void anUnreachableDatabaseIsANoteUnlessRequired() {
    String nowhere = "-Aquarry.verify.url=jdbc:postgresql://127.0.0.1:9/nowhere?user=postgres&connectTimeout=1";
    JavaFileObject queries = JavaFileObjects.forSourceLines("shop.Queries", "package shop;", "import dev.quarry.*;",
        "import java.util.*;",
        "@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT * FROM ownrs\")",
        "  List<Owner> all();",
        "}");
    Compilation lenient = javac().withProcessors(new QuarryProcessor()).withOptions(nowhere).compile(SHOP, queries);
    assertThat(lenient).succeeded();
    assertThat(lenient).hadNoteContaining("[QuarrySqlNotChecked]");
    Compilation strict = javac().withProcessors(new QuarryProcessor())
        .withOptions(nowhere, "-Aquarry.verify=required").compile(SHOP, queries);
    assertThat(strict).hadErrorContaining("[QuarrySqlNotChecked]");
  }

  /** The database the integration tests use, named by -Aquarry.verify.url instead of an embedded one. */
  @Test
  void aDatabaseGivenByUrlChecksTheSameWay() {
    String url = System.getenv("QUARRY_JDBC_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "QUARRY_JDBC_URL names the test database");
    Compilation c = compile(List.of("-Aquarry.verify.url=" + url),
        "@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT * FROM owners WHERE nmae = :name\")",
        "  List<Owner> byName(String name);",
        "  @Sql(\"SELECT * FROM owners WHERE meta ? :key\")",
        "  List<Owner> tagged(String key);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("nmae");
    assertThat(c).hadErrorCount(1);
  }
}
