package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per diagnostic: its id, the file and line it lands on, and that nothing else fires. */
class DiagnosticsTest {

  @Test
  void tableOnAClass() {
    Compiling.expectError("NotARecord", "QuarryTableNotRecord", "@Table");
  }

  @Test
  void tableWithoutId() {
    Compiling.expectError("MissingId", "QuarryMissingId", "record MissingId");
  }

  @Test
  void unsupportedComponentType() {
    Compiling.expectError("UnsupportedType", "QuarryUnsupportedType", "Map<String, Object> attributes");
  }

  @Test
  void identityOnAString() {
    Compiling.expectError("IdentityOnString", "QuarryIdentityType", "@Id @Identity String id");
  }

  @Test
  void identityOnANonKey() {
    Compiling.expectError("IdentityNotId", "QuarryIdentityType", "@Identity Long counter");
  }

  @Test
  void versionOnANonInteger() {
    Compiling.expectError("VersionOnString", "QuarryVersionType", "@Version String version");
  }

  @Test
  void twoVersions() {
    Compiling.expectError("VersionTwice", "QuarryVersionTwice", "@Version long revision");
  }

  @Test
  void unknownIndexComponentSuggestsTheRealName() {
    JavaFileObject source = Compiling.resource("bad/UnknownIndexComponent.java");
    Compilation compilation = Compiling.compile(source);
    assertThat(compilation).hadErrorContaining("[QuarryUnknownComponent]").inFile(source)
        .onLineContaining("@Index");
    assertThat(compilation).hadErrorContaining("did you mean 'title'");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unknownUniqueKeyComponent() {
    Compiling.expectError("UnknownUniqueKeyComponent", "QuarryUnknownComponent", "@UniqueKey");
  }

  @Test
  void emptyIndex() {
    Compiling.expectError("EmptyIndex", "QuarryEmptyColumns", "@Index");
  }

  @Test
  void twoComponentsOnOneColumn() {
    Compiling.expectError("DuplicateColumn", "QuarryDuplicateColumn", "@Column(\"name\") String otherName");
  }

  @Test
  void foreignKeyToSomethingThatIsNotATable() {
    Compiling.expectError("ForeignKeyToNonTable", "QuarryForeignKeyTarget", "@ForeignKey(references = String.class)");
  }

  @Test
  void tableNameOver63Bytes() {
    Compiling.expectError("TableNameTooLong", "QuarryNameTooLong", "record TableNameTooLong");
  }

  /** A repeated annotation has no source position of its own in javac: the record carries it. */
  @Test
  void twoIndexesWithOneName() {
    Compiling.expectError("DuplicateIndexName", "QuarryDuplicateName", "record DuplicateIndexName");
  }

  @Test
  void genericRecord() {
    Compiling.expectError("GenericRecord", "QuarryGenericRecord", "record GenericRecord");
  }

  @Test
  void timestampsNamingAMissingComponent() {
    Compiling.expectInline("java.time.Instant", "QuarryUnknownComponent", "@Timestamps",
        "@Table @Timestamps(created = \"createdOn\")",
        "record R(@Id long id, Instant createdAt, Instant updatedAt) {}");
  }

  @Test
  void timestampsOnAComponentOfTheWrongType() {
    Compiling.expectInline("java.time.Instant", "QuarryTimestampType", "String updatedAt",
        "@Table @Timestamps",
        "record R(@Id long id, Instant createdAt,",
        "    String updatedAt) {}");
  }

  /** The user never wrote 'deletedAt': the message says where the name comes from and what to add. */
  @Test
  void softDeleteWithoutItsDefaultComponent() {
    Compilation c = Compiling.expectInline("java.time.Instant", "QuarryMissingComponent", "@SoftDelete",
        "@Table @SoftDelete",
        "record R(@Id long id, Instant removedAt) {}");
    assertThat(c).hadErrorContaining("add '@Nullable Instant deletedAt'");
    assertThat(c).hadErrorContaining("@SoftDelete(\"yourName\")");
  }

  @Test
  void softDeleteNamingAMissingComponent() {
    Compiling.expectInline("java.time.Instant", "QuarryUnknownComponent", "@SoftDelete",
        "@Table @SoftDelete(\"removedOn\")",
        "record R(@Id long id, Instant removedAt) {}");
  }

  @Test
  void timestampsWithoutTheDefaultUpdatedComponent() {
    Compilation c = Compiling.expectInline("java.time.Instant", "QuarryMissingComponent", "@Timestamps",
        "@Table @Timestamps",
        "record R(@Id long id, Instant createdAt, Instant modifiedAt) {}");
    assertThat(c).hadErrorContaining("add 'Instant updatedAt'");
    assertThat(c).hadErrorContaining("@Timestamps(updated = \"yourName\")");
  }

  @Test
  void timestampsOnAKeyComponent() {
    Compiling.expectInline("java.time.Instant", "QuarryTimestampType", "@Id Instant createdAt",
        "@Table @Timestamps",
        "record R(@Id long id,",
        "    @Id Instant createdAt, Instant updatedAt) {}");
  }

  @Test
  void softDeleteOnAComponentOfTheWrongType() {
    Compiling.expectInline("java.time.Instant", "QuarryTimestampType", "boolean deletedAt",
        "@Table @SoftDelete",
        "record R(@Id long id,",
        "    boolean deletedAt) {}");
  }

  @Test
  void keysetThatDoesNotEndWithThePrimaryKey() {
    Compiling.expectInline("java.time.Instant", "QuarryKeysetNotTotal", "@KeysetPaged",
        "@Table",
        "@KeysetPaged(\"createdAt\")",
        "record R(@Id long id, Instant createdAt) {}");
  }

  @Test
  void keysetOverANullableComponent() {
    Compiling.expectInline("java.time.Instant", "QuarryKeysetNullable", "@KeysetPaged",
        "@Table",
        "@KeysetPaged({\"rank\", \"id\"})",
        "record R(@Id long id, @R.Nullable Integer rank) { @interface Nullable {} }");
  }

  /** Instant has no primitive form: the fix is to drop @Nullable, never "make it a primitive". */
  @Test
  void keysetOverANullableInstant() {
    Compilation c = Compiling.expectInline("java.time.Instant", "QuarryKeysetNullable", "@KeysetPaged",
        "@Table",
        "@KeysetPaged({\"seenAt\", \"id\"})",
        "record R(@Id long id, @R.Nullable Instant seenAt) { @interface Nullable {} }");
    assertThat(c).hadErrorContaining("remove @Nullable from 'seenAt'");
  }

  @Test
  void keysetOverTheSoftDeleteColumn() {
    Compilation c = Compiling.expectInline("java.time.Instant", "QuarryKeysetNullable", "@KeysetPaged",
        "@Table @SoftDelete",
        "@KeysetPaged({\"deletedAt\", \"id\"})",
        "record R(@Id long id, Instant deletedAt) {}");
    assertThat(c).hadErrorContaining("page by another component");
  }

  @Test
  void identityOnAUuidKey() {
    Compilation c = Compiling.expectInline("java.time.Instant", "QuarryIdentityType", "@Identity java.util.UUID id",
        "@Table",
        "record R(@Id @Identity java.util.UUID id) {}");
    assertThat(c).hadErrorContaining("UUIDv7");
    assertThat(c).hadErrorContaining("Remove @Identity");
  }

  @Test
  void identityOnAPrimitiveLong() {
    Compilation c = Compiling.expectInline("java.time.Instant", "QuarryIdentityType", "@Identity long id",
        "@Table",
        "record R(@Id @Identity long id) {}");
    assertThat(c).hadErrorContaining("'@Id @Identity Long id'");
  }

  @Test
  void keysetNamingAnUnknownComponent() {
    Compiling.expectInline("java.time.Instant", "QuarryUnknownComponent", "@KeysetPaged",
        "@Table",
        "@KeysetPaged({\"created\", \"id\"})",
        "record R(@Id long id, Instant createdAt) {}");
  }

  @Test
  void fullTextOverANonTextComponent() {
    Compiling.expectInline("java.time.Instant", "QuarryFullTextType", "@FullText",
        "@Table",
        "@FullText({\"title\", \"views\"})",
        "record R(@Id long id, String title, long views) {}");
  }

  @Test
  void fullTextWithAnInvalidLanguage() {
    Compiling.expectInline("java.time.Instant", "QuarryFullTextLanguage", "@FullText",
        "@Table",
        "@FullText(value = \"title\", language = \"english'; --\")",
        "record R(@Id long id, String title) {}");
  }

  @Test
  void partitionKeyOutsideThePrimaryKey() {
    Compiling.expectInline("java.time.Instant", "QuarryPartitionKeyNotInPk", "Instant occurredAt",
        "@Table @Partitioned(by = \"occurredAt\")",
        "record R(@Id long id,",
        "    Instant occurredAt) {}");
  }

  @Test
  void uniqueKeyWithoutThePartitionKey() {
    Compiling.expectInline("java.time.Instant", "QuarryUniqueWithoutPartitionKey", "String email",
        "@Table @Partitioned(by = \"occurredAt\")",
        "record R(@Id long id, @Id Instant occurredAt,",
        "    @Unique String email) {}");
  }

  @Test
  void unknownPartitionKey() {
    Compiling.expectInline("java.time.Instant", "QuarryUnknownComponent", "@Partitioned",
        "@Table @Partitioned(by = \"createdAt\")",
        "record R(@Id long id, @Id Instant occurredAt) {}");
  }

  @Test
  void listWithoutLists() {
    Compiling.expectInline("java.time.Instant", "QuarryListWithoutLists", "@Partitioned",
        "@Table @Partitioned(by = \"region\", strategy = Partitioned.Strategy.LIST)",
        "record R(@Id long id, @Id String region) {}");
  }

  @Test
  void listValueOfTheWrongType() {
    Compiling.expectInline("java.time.Instant", "QuarryListValue", "@Table @Partitioned",
        "@Table @Partitioned(by = \"shard\", strategy = Partitioned.Strategy.LIST,",
        "    lists = @Partitioned.List(name = \"low\", values = {\"1\", \"two\"}))",
        "record R(@Id long id, @Id int shard) {}");
  }

  @Test
  void hashWithADefaultPartition() {
    Compiling.expectInline("java.time.Instant", "QuarryHashDefault", "@Partitioned",
        "@Table @Partitioned(by = \"userId\", strategy = Partitioned.Strategy.HASH, defaultPartition = true)",
        "record R(@Id long id, @Id long userId) {}");
  }

  @Test
  void hashWithAModulusBelowTwo() {
    Compiling.expectInline("java.time.Instant", "QuarryHashModulus", "@Partitioned",
        "@Table @Partitioned(by = \"userId\", strategy = Partitioned.Strategy.HASH, modulus = 1)",
        "record R(@Id long id, @Id long userId) {}");
  }

  @Test
  void rangeOverAKeyTypeItCannotUse() {
    Compiling.expectInline("java.time.Instant", "QuarryPartitionKeyType", "@Partitioned",
        "@Table @Partitioned(by = \"code\")",
        "record R(@Id long id, @Id String code) {}");
  }

  @Test
  void integerRangeWithoutAStep() {
    Compiling.expectInline("java.time.Instant", "QuarryPartitionStep", "@Partitioned",
        "@Table @Partitioned(by = \"id\")",
        "record R(@Id long id) {}");
  }

  @Test
  void hourlyPartitionsInAZoneWithDaylightSaving() {
    Compiling.expectInline("java.time.Instant", "QuarryPartitionZone", "@Partitioned",
        "@Table @Partitioned(by = \"at\", interval = Partitioned.Interval.HOURLY, zone = \"Europe/Berlin\")",
        "record R(@Id long id, @Id Instant at) {}");
  }

  @Test
  void pgPartmanForHashPartitions() {
    Compiling.expectInline("java.time.Instant", "QuarryPartmanStrategy", "@Partitioned",
        "@Table @Partitioned(by = \"userId\", strategy = Partitioned.Strategy.HASH, manager = Partitioned.Manager.PG_PARTMAN)",
        "record R(@Id long id, @Id long userId) {}");
  }

  /** A valid @Table record plus a @Queries interface in one file. */
  private static Compilation withQueries(String... queriesLines) {
    String[] source = new String[queriesLines.length + 6];
    source[0] = "package q;";
    source[1] = "import dev.quarry.*;";
    source[2] = "import java.util.*;";
    source[3] = "@Table(\"notes\") @SoftDelete";
    source[4] = "record Note(@Id long id, String title, @Note.Nullable java.time.Instant deletedAt) { @interface Nullable {} }";
    source[5] = "";
    System.arraycopy(queriesLines, 0, source, 6, queriesLines.length);
    return Compiling.compile("q.Note", source);
  }

  @Test
  void sqlNamingAParameterTheMethodLacks() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @Sql(\"UPDATE notes SET title = :titel WHERE id = :id\")",
        "  int rename(long id, String title);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlUnknownParameter]").inFile(c.sourceFiles().get(0)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("did you mean 'title'");
    assertThat(c).hadErrorContaining("[QuarrySqlUnusedParameter]").inFile(c.sourceFiles().get(0)).onLineContaining("int rename");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void queriesMethodWithoutSql() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  List<Note> all();",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlMissing]").inFile(c.sourceFiles().get(0)).onLineContaining("all()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void queriesOnAClassOrForANonTable() {
    Compilation c = withQueries("@Queries(Note.class) abstract class NoteQueries {}",
        "@Queries(String.class) interface Other {}");
    assertThat(c).hadErrorContaining("[QuarryQueriesNotInterface]").inFile(c.sourceFiles().get(0))
        .onLineContaining("abstract class NoteQueries");
    assertThat(c).hadErrorContaining("[QuarryQueriesTarget]").inFile(c.sourceFiles().get(0)).onLineContaining("interface Other");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void queryWithAnUnmappableReturnType() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @Sql(\"SELECT title FROM notes WHERE deleted_at IS NULL\")",
        "  List<Map<String, Object>> titles();",
        "}");
    assertThat(c).hadErrorContaining("[QuarryQueryReturnType]").inFile(c.sourceFiles().get(0)).onLineContaining("titles()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void readingASoftDeleteTableWithoutItsColumnIsAWarning() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @Sql(\"SELECT * FROM notes WHERE title = :title\")",
        "  List<Note> byTitle(String title);",
        "}");
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[QuarrySoftDeleteUnfiltered]").inFile(c.sourceFiles().get(0))
        .onLineContaining("@Sql");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void suppressWarningsSilencesTheSoftDeleteWarning() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @SuppressWarnings(\"QuarrySoftDeleteUnfiltered\")",
        "  @Sql(\"SELECT * FROM notes WHERE title = :title\")",
        "  List<Note> byTitleIncludingDeleted(String title);",
        "}");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void aBatchReturnsCountsOrNothing() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @Sql(\"UPDATE notes SET title = :title WHERE id = :id\")",
        "  int renameAll(Collection<Note> notes);",
        "  @Sql(\"UPDATE notes SET title = :title WHERE id = :id\")",
        "  int[] renameBoth(List<Note> some, List<Note> others);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlBatch]").inFile(c.sourceFiles().get(0)).onLineContaining("renameAll");
    assertThat(c).hadErrorContaining("[QuarrySqlBatch]").inFile(c.sourceFiles().get(0)).onLineContaining("renameBoth");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void aBatchNameThatIsBothAComponentAndAParameter() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @Sql(\"UPDATE notes SET title = :title WHERE id = :id\")",
        "  int[] renameAll(Collection<Note> notes, String title);",
        "}");
    assertThat(c).hadErrorContaining("[QuarrySqlBatch]").inFile(c.sourceFiles().get(0)).onLineContaining("@Sql");
    assertThat(c).hadErrorContaining("':title'");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void streamsAndBatchesCompile() {
    Compilation c = withQueries("@Queries(Note.class) interface NoteQueries {",
        "  @Sql(\"SELECT * FROM notes WHERE deleted_at IS NULL AND to_jsonb(title) ? :key\")",
        "  java.util.stream.Stream<Note> withKey(String key);",
        "  @Sql(\"UPDATE notes SET title = :title || :suffix WHERE id = :id\")",
        "  int[] renameAll(Collection<Note> notes, String suffix);",
        "  @Sql(\"DELETE FROM notes WHERE id = :id\")",
        "  void deleteAll(Set<Note> notes);",
        "}");
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("q.NoteDao").contentsAsUtf8String().contains("to_jsonb(title) ?? ?");
  }

  @Test
  void moreThanAHundredPartitionsIsAWarning() {
    Compilation compilation = Compiling.compile("inline.R",
        "package inline;",
        "import dev.quarry.*;",
        "import java.time.Instant;",
        "@Table @Partitioned(by = \"at\", interval = Partitioned.Interval.DAILY, premake = 30, retain = 90)",
        "record R(@Id long id, @Id Instant at) {}");
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[QuarryTooManyPartitions]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining("@Partitioned");
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void longTableNamesGetPartitionNamesThatFitAndKeepTheirSuffix() throws Exception {
    String table = "a_rather_long_table_name_for_readings_of_many_industrial_sensors";
    Compilation compilation = Compiling.compile("inline.R",
        "package inline;",
        "import dev.quarry.*;",
        "import java.time.Instant;",
        "@Table(\"" + table.substring(0, 60) + "\")",
        "@Partitioned(by = \"at\", strategy = Partitioned.Strategy.LIST, defaultPartition = true,",
        "    lists = @Partitioned.List(name = \"north\", values = \"n\"))",
        "record R(@Id long id, @Id String at) {}");
    assertThat(compilation).succeeded();
    String schema = compilation.generatedSourceFile("inline.RSchema").orElseThrow().getCharContent(false).toString();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("CREATE TABLE IF NOT EXISTS \"?([a-z0-9_]+)\"? PARTITION OF")
        .matcher(schema);
    int found = 0;
    while (m.find()) {
      found++;
      org.junit.jupiter.api.Assertions.assertTrue(m.group(1).length() <= 63, m.group(1));
      org.junit.jupiter.api.Assertions.assertTrue(m.group(1).endsWith("_north") || m.group(1).endsWith("_default"), m.group(1));
    }
    org.junit.jupiter.api.Assertions.assertEquals(2, found, schema);
  }

  @Test
  void aForeignKeyThatIsAlsoUniqueIsAOneToOneRelation() {
    Compilation compilation = Compiling.compile("ok.Profile",
        "package ok;",
        "import dev.quarry.*;",
        "@Table record Person(@Id long id) {}",
        "@Table record Profile(@Id long id, @Unique @ForeignKey(references = Person.class) long personId) {}");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("ok.ProfileDao").contentsAsUtf8String()
        .contains("public Optional<Profile> findByPersonId(long personId)");
    assertThat(compilation).generatedSourceFile("ok.ProfileDao").contentsAsUtf8String()
        .contains("public Map<Long, List<Profile>> findByPersonIdIn(Collection<Long> keys)");
  }

  @Test
  void aValidRecordCompilesWithoutWarnings() {
    Compilation compilation = Compiling.compile("ok.Note",
        "package ok;",
        "import dev.quarry.*;",
        "@Table",
        "public record Note(@Id @Identity Long id, @Unique String slug, String text) {}");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("ok.NoteDao");
    assertThat(compilation).generatedSourceFile("ok.NoteSchema");
  }

  /** Each way a {@code @Check} value can fail to be one expression draws the same error on the component. */
  @ParameterizedTest
  @ValueSource(strings = {
      "amount > 0; DROP TABLE r",
      "amount > 0) OR (true",
      "(amount > 0",
      "amount > 0 -- must be positive",
      "note <> 'it''s",
      "\"odd > 0",
      "note <> $x$abc",
      "amount > 0 /* unfinished",
      "amount > 0, note <> ''",
      " ",
  })
  void checkThatIsNotOneExpression(String expression) {
    Compiling.expectInline("java.time.Instant", "QuarryCheckExpression", "long amount",
        "@Table",
        "record R(@Id long id, String note,",
        "    @Check(\"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\") long amount) {}");
  }

  @Test
  void checkOnTheRecordThatIsNotOneExpression() {
    Compiling.expectInline("java.time.Instant", "QuarryCheckExpression", "@Check",
        "@Table",
        "@Check(\"ends_at > starts_at)\")",
        "record R(@Id long id, Instant startsAt, Instant endsAt) {}");
  }

  @Test
  void twoChecksWithOneName() {
    Compiling.expectInline("java.time.Instant", "QuarryDuplicateName", "int a",
        "@Table",
        "@Check(value = \"a > 0\", name = \"r_limits\")",
        "record R(@Id long id,",
        "    @Check(value = \"a < 10\", name = \"r_limits\") int a) {}");
  }

  @Test
  void foreignKeyToAPartitionedTableWhoseKeyLacksThePartitionKey() {
    Compilation compilation = Compiling.compile("inline.R",
        "package inline;",
        "import dev.quarry.*;",
        "@Table record R(@Id long id,",
        "    @ForeignKey(references = P.class) long parentId) {}",
        "@Table @Partitioned(by = \"code\", strategy = Partitioned.Strategy.LIST,",
        "    lists = @Partitioned.List(name = \"a\", values = \"a\"))",
        "record P(@Id long id, String code) {}");
    assertThat(compilation).hadErrorContaining("[QuarryForeignKeyPartitionKey]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining("long parentId");
    // The parent itself is refused too, for the same PostgreSQL rule.
    assertThat(compilation).hadErrorContaining("[QuarryPartitionKeyNotInPk]");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void foreignKeyToAPartitionedTableWithACompositeKey() {
    Compilation compilation = Compiling.compile("inline.R",
        "package inline;",
        "import dev.quarry.*;",
        "import java.time.Instant;",
        "@Table record R(@Id long id,",
        "    @ForeignKey(references = E.class) long eventId) {}",
        "@Table @Partitioned(by = \"at\") record E(@Id long id, @Id Instant at) {}");
    assertThat(compilation).hadErrorContaining("[QuarryForeignKeyTarget]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining("long eventId");
    assertThat(compilation).hadErrorContaining("partitioned by 'at'");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void foreignKeyToAPartitionedTableWithRetentionWarns() {
    Compilation compilation = Compiling.compile("inline.R",
        "package inline;",
        "import dev.quarry.*;",
        "@Table record R(@Id long id,",
        "    @ForeignKey(references = L.class) long ledgerId) {}",
        "@Table @Partitioned(by = \"id\", step = 1000, retain = 2) record L(@Id long id) {}");
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[QuarryForeignKeyToRetained]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining("long ledgerId");
  }
}
