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
  private static final JavaFileObject JOBS = JavaFileObjects.forResource("sql/Jobs.java");

  /** The tables of sql/Shop.java and sql/Jobs.java plus one @Queries interface made of {@code lines}. */
  private static Compilation compile(List<String> options, String... lines) {
    List<String> source = new ArrayList<>(List.of("package shop;", "import dev.quarry.*;", "import java.util.*;",
        "import java.util.stream.Stream;", "import java.time.*;", "import java.math.BigDecimal;"));
    source.addAll(List.of(lines));
    JavaFileObject queries = JavaFileObjects.forSourceLines("shop.Queries", source);
    List<String> all = new ArrayList<>(options);
    all.add("-Aquarry.verify=required");
    return javac().withProcessors(new QuarryProcessor()).withOptions(all).compile(SHOP, JOBS, queries);
  }

  private static Compilation compile(String... lines) {
    return compile(List.of(), lines);
  }

  private static JavaFileObject queries(Compilation c) {
    return c.sourceFiles().stream().filter(f -> f.getName().endsWith("Queries.java")).findFirst().orElseThrow();
  }

  private static final JavaFileObject COUPON = JavaFileObjects.forSourceLines("shop.Coupon", "package shop;",
      "import dev.quarry.*;", "import java.util.List;", "@Table(\"coupons\")",
      "public record Coupon(@Id @Column(type = \"coupon_code\") String code, @Column(type = \"coupon_code[]\") List<String> replaces) {}");

  private static JavaFileObject couponQueries(String couponStatement) {
    return JavaFileObjects.forSourceLines("shop.CouponQueries", "package shop;", "import dev.quarry.*;",
        "import java.util.List;",
        "@Queries(Coupon.class) interface CouponQueries {",
        "  @Sql(\"" + couponStatement + "\")",
        "  List<Coupon> byCode(String code);",
        "}",
        "@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT * FROM owners WHERE nmae = :name\")",
        "  List<Owner> byName(String name);",
        "}");
  }

  /**
   * A table whose type the checking database lacks (a domain the application's migrations
   * create) cannot be created there: the statements that use it go unchecked, said once for the
   * table, and every other statement of the compilation is still checked.
   */
  @Test
  void aTableTheCheckingDatabaseCannotCreateLeavesOnlyItsOwnStatementsUnchecked() {
    JavaFileObject queries = couponQueries("SELECT * FROM coupons WHERE cdoe = :code");
    Compilation c = javac().withProcessors(new QuarryProcessor()).withOptions("-Aquarry.verify=on")
        .compile(SHOP, COUPON, queries);
    assertThat(c).hadNoteContaining("[QuarrySqlNotChecked] the @Sql statements that use the table coupons were not "
        + "checked, because it could not be created in the checking database: type \"coupon_code\" does not exist")
        .inFile(COUPON).onLineContaining("record Coupon");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries).onLineContaining("nmae");
    assertThat(c).hadErrorCount(1);
    // a table of that name in another schema is not the one that could not be created
    JavaFileObject qualified = couponQueries("SELECT * FROM nosuch.coupons WHERE code = :code");
    Compilation wrong = javac().withProcessors(new QuarryProcessor()).withOptions("-Aquarry.verify=on")
        .compile(SHOP, COUPON, qualified);
    assertThat(wrong).hadErrorContaining("[QuarrySqlInvalid]").inFile(qualified).onLineContaining("nosuch.coupons");
    assertThat(wrong).hadErrorCount(2);
    Compilation strict = javac().withProcessors(new QuarryProcessor()).withOptions("-Aquarry.verify=required")
        .compile(SHOP, COUPON, queries);
    assertThat(strict).hadErrorContaining("[QuarrySqlNotChecked] the @Sql statements that use the table coupons");
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

  /** Owners' 'age' is as close to 'ate' as visits' 'at'; the table the statement reads wins. */
  @Test
  void theDidYouMeanPrefersAColumnOfTheTablesRead() {
    Compilation c = compile("@Queries(Visit.class) interface VisitQueries {",
        "  @Sql(\"SELECT * FROM visits WHERE ate > :t\")",
        "  List<Visit> after(Instant t);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("ate");
    assertThat(c).hadErrorContaining("did you mean 'at'");
    assertThat(c).hadErrorCount(1);
  }

  /** An INSERT of values reads no deleted rows: returning what it wrote draws no soft-delete warning. */
  @Test
  void insertingIntoASoftDeleteTableAndReturningTheIdCompilesClean() {
    Compilation c = compile("@Queries(Pet.class) interface PetQueries {",
        "  @Sql(\"INSERT INTO pets (owner_id, name) VALUES (:owner, :name) RETURNING id\")",
        "  long add(long owner, String name);",
        "  @Sql(\"INSERT INTO pets (owner_id, name) VALUES (:owner, :name) RETURNING *\")",
        "  Pet create(long owner, String name);",
        "}");
    assertThat(c).succeededWithoutWarnings();
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

  /** Each parameter typed as the runtime binds it: enums and durations untyped, arrays, uuid, time types. */
  @Test
  void statementsOverEveryKindOfColumnCompileClean() {
    Compilation c = compile("@Queries(Job.class) interface JobQueries {",
        "  record Ranked(long id, String title, long rank) {}",
        "  record Brief(String title, long id) {}",
        "  record Stats(Status status, long jobs, BigDecimal total, @Nullable Duration longest) {}",
        "  record Column(String columnName, int ordinalPosition) {}",
        "  record Row(String title, List<String> tags, List<Status> stages, Duration timeout, UUID ref) {}",
        "  @Sql(\"SELECT * FROM jobs WHERE status = :status AND color = :color ORDER BY id\")",
        "  List<Job> byStatus(Status status, Color color);",
        "  @Sql(\"SELECT * FROM jobs WHERE (CAST(:status AS text) IS NULL OR status = :status)\")",
        "  List<Job> maybeStatus(Status status);",
        "  @Sql(\"SELECT * FROM jobs WHERE status = ANY(CAST(:statuses AS job_status[])) AND color = ANY(:colors)\")",
        "  List<Job> inStatuses(List<Status> statuses, Set<Color> colors);",
        "  @Sql(\"SELECT * FROM jobs WHERE previous IS NOT DISTINCT FROM :status ORDER BY status\")",
        "  List<Job> previously(Status status);",
        "  @Sql(\"SELECT status FROM jobs ORDER BY status\")",
        "  List<Status> statuses();",
        "  @Sql(\"UPDATE jobs SET status = :status, previous = status, color = :color WHERE id = :id\")",
        "  int move(long id, Status status, Color color);",
        "  @Sql(\"SELECT * FROM jobs WHERE timeout > :longer AND created_at > now() - CAST(:age AS interval)\")",
        "  List<Job> slow(Duration longer, Duration age);",
        "  @Sql(\"SELECT * FROM jobs WHERE created_at + timeout < :deadline AND timeout * 2 > :d AND grace IS NULL\")",
        "  List<Job> late(Instant deadline, Duration d);",
        "  @Sql(\"UPDATE jobs SET timeout = timeout + :more, grace = :grace WHERE id = :id\")",
        "  int extend(long id, Duration more, Duration grace);",
        "  @Sql(\"SELECT * FROM jobs WHERE (:since IS NULL OR created_at >= :since) AND (:ref IS NULL OR ref = :ref)\")",
        "  List<Job> since(Instant since, UUID ref);",
        "  @Sql(\"SELECT * FROM jobs WHERE ref = ANY(:refs) AND id = ANY(:ids) AND due = ANY(:days)\")",
        "  List<Job> byRefs(Collection<UUID> refs, long[] ids, List<LocalDate> days);",
        "  @Sql(\"SELECT * FROM jobs WHERE tags @> :tags AND tags && :any AND :tag = ANY(tags) AND stages @> :stages\")",
        "  List<Job> tagged(String[] tags, List<String> any, String tag, Status[] stages);",
        "  @Sql(\"UPDATE jobs SET tags = :tags, stages = :stages WHERE id = :id\")",
        "  int retag(long id, String[] tags, Status[] stages);",
        "  @Sql(\"SELECT * FROM jobs WHERE data ->> 'kind' = :kind AND data @> :doc::jsonb AND data -> 'a' ? :key\")",
        "  List<Job> documents(String kind, String doc, String key);",
        "  @Sql(\"UPDATE jobs SET data = jsonb_set(data, '{n}', to_jsonb(:n)), blob = :blob WHERE id = :id\")",
        "  int setN(long id, int n, byte[] blob);",
        "  @Sql(\"SELECT * FROM jobs WHERE price >= :min AND due BETWEEN :from AND :to AND at < :at AND code = :code\")",
        "  List<Job> window(BigDecimal min, LocalDate from, LocalDate to, LocalTime at, String code);",
        "  @Sql(\"SELECT * FROM jobs WHERE id = :n::int OR title = CAST(:id AS text) OR price = :p::numeric\")",
        "  List<Job> casts(String n, long id, String p);",
        "  @Sql(\"SELECT * FROM jobs WHERE title = COALESCE(:title, title) AND created_at < COALESCE(:before, now())\")",
        "  List<Job> coalesced(String title, Instant before);",
        "  @Sql(\"SELECT * FROM jobs WHERE title LIKE :prefix || '%' OR title ILIKE :pattern\")",
        "  List<Job> like(String prefix, String pattern);",
        "  @Sql(\"WITH recent AS (SELECT * FROM jobs WHERE created_at > :since) SELECT id, title, \"",
        "      + \"row_number() OVER (PARTITION BY status ORDER BY created_at) AS rank FROM recent\")",
        "  Stream<Ranked> ranked(Instant since);",
        "  @Sql(\"SELECT id, title FROM jobs WHERE id IN (SELECT owner_id FROM pets WHERE deleted_at IS NULL) \"",
        "      + \"AND EXISTS (SELECT 1 FROM owners o WHERE o.id = jobs.id AND o.name = :name)\")",
        "  List<Brief> subqueries(String name);",
        "  @Sql(\"SELECT j.title, p.name AS id FROM jobs j CROSS JOIN LATERAL \"",
        "      + \"(SELECT count(*) AS name FROM pets WHERE owner_id = j.id AND deleted_at IS NULL) p\")",
        "  List<Brief> lateral();",
        "  @Sql(\"SELECT d::date FROM generate_series(:from, :to, CAST(:step AS interval)) AS d\")",
        "  List<LocalDate> days(Instant from, Instant to, Duration step);",
        "  @Sql(\"SELECT count(*) FROM generate_series(1, :n)\")",
        "  int upTo(int n);",
        "  @Sql(\"SELECT status, count(*) AS jobs, sum(price) AS total, max(timeout) AS longest FROM jobs GROUP BY status\")",
        "  List<Stats> stats();",
        "  @Sql(\"SELECT sum(id) FROM jobs\")",
        "  long idSum();",
        "  @Sql(\"SELECT max(timeout) FROM jobs\")",
        "  Optional<Duration> longest();",
        "  @Sql(\"SELECT column_name, ordinal_position FROM information_schema.columns WHERE table_name = :table\")",
        "  List<Column> columns(String table);",
        "  @Sql(\"SELECT title, tags, stages, timeout, ref FROM jobs WHERE id = :id\")",
        "  Optional<Row> row(long id);",
        "  @Sql(\"INSERT INTO jobs (title, status, color, timeout, tags, stages, ref, due, price, data, created_at, code) \"",
        "      + \"VALUES (:title, :status, :color, :timeout, :tags, :stages, :ref, :due, :price, :data::jsonb, now(), 'abc') \"",
        "      + \"ON CONFLICT (id) DO NOTHING RETURNING *\")",
        "  Optional<Job> create(String title, Status status, Color color, Duration timeout, String[] tags, Status[] stages,",
        "      UUID ref, LocalDate due, BigDecimal price, String data);",
        "  @Sql(\"INSERT INTO jobs (title, status, color, timeout, tags, stages, ref, due, price, data, created_at, code) \"",
        "      + \"SELECT title, status, color, timeout, tags, stages, :ref, due, price, data, now(), code FROM jobs \"",
        "      + \"WHERE id = :id RETURNING id\")",
        "  long copy(long id, UUID ref);",
        "  @Sql(\"SELECT * FROM visits WHERE at >= :from AND at < :to AND pet_id = ANY(:pets)\")",
        "  List<Visit> visits(OffsetDateTime from, OffsetDateTime to, List<Long> pets);",
        "  @Sql(\"UPDATE pets SET deleted_at = now() WHERE owner_id = :owner AND deleted_at IS NULL RETURNING *\")",
        "  List<Pet> deleteFor(long owner);",
        "  @Sql(\"UPDATE jobs SET title = :title WHERE id = :id\")",
        "  void rename(List<Brief> briefs);",
        "}");
    assertThat(c).succeededWithoutWarnings();
  }

  /** A wrong statement is one error with its id on the method's @Sql. */
  private static Compilation expectOne(String id, String contains, String... lines) {
    Compilation c = compile(lines);
    assertThat(c).hadErrorContaining("[" + id + "]").inFile(queries(c)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining(contains);
    assertThat(c).hadErrorCount(1);
    return c;
  }

  @Test
  void aStringComparedWithAnEnumTypeIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "':status' is a java.lang.String, bound as varchar, where PostgreSQL expects job_status",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE status = :status\")",
        "  List<Job> byStatus(String status);",
        "}");
  }

  @Test
  void aStringAssignedToJsonbIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "where PostgreSQL expects jsonb",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"UPDATE jobs SET data = :data, title = :title WHERE id = :id\")",
        "  int set(long id, String data, String title);",
        "}");
  }

  @Test
  void aCollectionOfTheWrongElementTypeIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "':refs' is a java.util.List<java.lang.String>, bound as text[], where PostgreSQL expects uuid[]",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE ref = ANY(:refs)\")",
        "  List<Job> byRefs(List<String> refs);",
        "}");
  }

  /** Enum collections travel as text[], which an enum-typed column does not compare with uncast. */
  @Test
  void anEnumCollectionAgainstAnEnumTypeNeedsACast() {
    expectOne("QuarrySqlParameterType", "':statuses' is a java.util.List<shop.Status>, bound as text[]",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE status = ANY(:statuses)\")",
        "  List<Job> inStatuses(List<Status> statuses);",
        "}");
  }

  @Test
  void anEnumWhoseNamesAreNotTheTypesLabelsIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "reads as job_status here",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE status = :color\")",
        "  List<Job> byColor(Color color);",
        "}");
  }

  /** now() - unknown picks timestamptz - timestamptz: the duration's text would be read as a timestamp. */
  @Test
  void aDurationReadAsATimestampIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "':age::interval'",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE created_at > now() - :age\")",
        "  List<Job> newerThan(Duration age);",
        "}");
  }

  /** An enum is sent without a type; beside IS NULL alone PostgreSQL cannot tell which. */
  @Test
  void anEnumWhoseTypeCannotBeInferredIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "':status::text'",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE (:status IS NULL OR status = :status)\")",
        "  List<Job> maybe(Status status);",
        "}");
  }

  @Test
  void aLongComparedWithAUuidIsAParameterTypeError() {
    expectOne("QuarrySqlParameterType", "':ref' is a long, bound as int8, where PostgreSQL expects uuid",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE id = :id AND ref = :ref\")",
        "  List<Job> byRef(long id, long ref);",
        "}");
  }

  @Test
  void returningRowsFromAVoidMethodIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "RETURNING",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"DELETE FROM jobs WHERE id = :id RETURNING id\")",
        "  void delete(long id);",
        "}");
  }

  @Test
  void returningRowsFromABatchIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "RETURNING",
        "@Queries(Job.class) interface JobQueries {",
        "  record Rename(long id, String title) {}",
        "  @Sql(\"UPDATE jobs SET title = :title WHERE id = :id RETURNING id\")",
        "  int[] renameAll(List<Rename> renames);",
        "}");
  }

  @Test
  void aNullableColumnIntoAPrimitiveScalarIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "the column 'age' can be NULL",
        "@Queries(Owner.class) interface OwnerQueries {",
        "  @Sql(\"SELECT age FROM owners WHERE id = :id\")",
        "  int ageOf(long id);",
        "}");
  }

  @Test
  void aDurationReadFromTextIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "the column 'title' is text",
        "@Queries(Job.class) interface JobQueries {",
        "  record Odd(long id, Duration title) {}",
        "  @Sql(\"SELECT id, title FROM jobs\")",
        "  List<Odd> odd();",
        "}");
  }

  @Test
  void anArrayComponentReadFromAScalarIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "the column 'tags' is text",
        "@Queries(Job.class) interface JobQueries {",
        "  record Odd(long id, List<String> tags) {}",
        "  @Sql(\"SELECT id, title AS tags FROM jobs\")",
        "  List<Odd> odd();",
        "}");
  }

  /** char(n) pads the name with spaces, so valueOf would find no constant. */
  @Test
  void anEnumReadFromAPaddedCharIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "the column 'code' is bpchar",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT code FROM jobs\")",
        "  List<Status> codes();",
        "}");
  }

  @Test
  void aNumberReadFromAFloatIsAResultMismatch() {
    expectOne("QuarrySqlResultMismatch", "float8",
        "@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT avg(id)::float8 FROM jobs\")",
        "  Optional<Long> average();",
        "}");
  }

  @Test
  void everyWrongMethodOfAnInterfaceIsReported() {
    Compilation c = compile("@Queries(Job.class) interface JobQueries {",
        "  @Sql(\"SELECT * FROM jobs WHERE titel = :t\")",
        "  List<Job> one(String t);",
        "  @Sql(\"SELECT * FROM jobs WHERE id = :t\")",
        "  List<Job> two(UUID t);",
        "  @Sql(\"SELECT id FROM jobs\")",
        "  List<Job> three();",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries(c)).onLineContaining("titel");
    assertThat(c).hadErrorContaining("[QuarrySqlParameterType]").inFile(queries(c)).onLineContaining("id = :t");
    assertThat(c).hadErrorContaining("[QuarrySqlResultMismatch]").inFile(queries(c)).onLineContaining("SELECT id FROM");
    assertThat(c).hadErrorCount(3);
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

  /**
   * The database the integration tests use ({@code QUARRY_JDBC_URL}, else the local server that
   * {@code .ci/setup} starts), named by -Aquarry.verify.url instead of an embedded one.
   */
  @Test
  void aDatabaseGivenByUrlChecksTheSameWay() {
    String url = integrationDatabase();
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

  /**
   * The URL of the database the integration tests use ({@code QUARRY_JDBC_URL}, else the local
   * server {@code .ci/setup} starts); the test is skipped when none answers.
   */
  private static String integrationDatabase() {
    String fromEnv = System.getenv("QUARRY_JDBC_URL");
    String url = fromEnv != null && !fromEnv.isBlank() ? fromEnv : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    try (java.sql.Connection probe = java.sql.DriverManager.getConnection(url)) {
      Assumptions.assumeTrue(probe.isValid(2), "no PostgreSQL answers at " + url);
    } catch (java.sql.SQLException e) {
      Assumptions.abort("no PostgreSQL answers at " + url + " (set QUARRY_JDBC_URL): " + e.getMessage());
    }
    return url;
  }

  /** A type the database given by URL has (in its own search path) is used as it is: the table is checked. */
  @Test
  void aDomainTheDatabaseGivenByUrlHasIsUsed() throws Exception {
    String url = integrationDatabase();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(url); java.sql.Statement s = db.createStatement()) {
      s.execute("DROP DOMAIN IF EXISTS public.coupon_code CASCADE");
      s.execute("CREATE DOMAIN public.coupon_code AS varchar(8)");
      try {
        JavaFileObject queries = couponQueries("SELECT * FROM coupons WHERE cdoe = :code");
        Compilation c = javac().withProcessors(new QuarryProcessor())
            .withOptions("-Aquarry.verify=required", "-Aquarry.verify.url=" + url).compile(SHOP, COUPON, queries);
        assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries).onLineContaining("cdoe");
        assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries).onLineContaining("nmae");
        assertThat(c).hadErrorCount(2);
      } finally {
        s.execute("DROP DOMAIN public.coupon_code CASCADE");
      }
      // without the domain, coupons cannot be created; a table of that name further along the
      // database's search path, with other columns, must not stand in for it
      s.execute("CREATE TABLE public.coupons (code text PRIMARY KEY, extra int)");
      try {
        JavaFileObject queries = couponQueries("SELECT * FROM coupons WHERE extra = 1 AND code = :code");
        Compilation c = javac().withProcessors(new QuarryProcessor())
            .withOptions("-Aquarry.verify=on", "-Aquarry.verify.url=" + url).compile(SHOP, COUPON, queries);
        assertThat(c).hadNoteContaining("the @Sql statements that use the table coupons were not checked");
        assertThat(c).hadErrorContaining("[QuarrySqlInvalid]").inFile(queries).onLineContaining("nmae");
        assertThat(c).hadErrorCount(1);
      } finally {
        s.execute("DROP TABLE public.coupons");
      }
    }
  }
}
