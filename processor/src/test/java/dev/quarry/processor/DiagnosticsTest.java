package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: its id, the file and line it lands on, and that nothing else fires. */
class DiagnosticsTest {

  private static void expectError(String resource, String id, String lineContaining) {
    JavaFileObject source = Compiling.resource("bad/" + resource + ".java");
    Compilation compilation = Compiling.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(source).onLineContaining(lineContaining);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void tableOnAClass() {
    expectError("NotARecord", "QuarryTableNotRecord", "@Table");
  }

  @Test
  void tableWithoutId() {
    expectError("MissingId", "QuarryMissingId", "record MissingId");
  }

  @Test
  void unsupportedComponentType() {
    expectError("UnsupportedType", "QuarryUnsupportedType", "List<String> tags");
  }

  @Test
  void identityOnAString() {
    expectError("IdentityOnString", "QuarryIdentityType", "@Id @Identity String id");
  }

  @Test
  void identityOnANonKey() {
    expectError("IdentityNotId", "QuarryIdentityType", "@Identity Long counter");
  }

  @Test
  void versionOnANonInteger() {
    expectError("VersionOnString", "QuarryVersionType", "@Version String version");
  }

  @Test
  void twoVersions() {
    expectError("VersionTwice", "QuarryVersionTwice", "@Version long revision");
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
    expectError("UnknownUniqueKeyComponent", "QuarryUnknownComponent", "@UniqueKey");
  }

  @Test
  void emptyIndex() {
    expectError("EmptyIndex", "QuarryEmptyColumns", "@Index");
  }

  @Test
  void twoComponentsOnOneColumn() {
    expectError("DuplicateColumn", "QuarryDuplicateColumn", "@Column(\"name\") String otherName");
  }

  @Test
  void foreignKeyToSomethingThatIsNotATable() {
    expectError("ForeignKeyToNonTable", "QuarryForeignKeyTarget", "@ForeignKey(references = String.class)");
  }

  @Test
  void tableNameOver63Bytes() {
    expectError("TableNameTooLong", "QuarryNameTooLong", "record TableNameTooLong");
  }

  /** A repeated annotation has no source position of its own in javac: the record carries it. */
  @Test
  void twoIndexesWithOneName() {
    expectError("DuplicateIndexName", "QuarryDuplicateName", "record DuplicateIndexName");
  }

  @Test
  void genericRecord() {
    expectError("GenericRecord", "QuarryGenericRecord", "record GenericRecord");
  }

  /** Compiles one record in package {@code inline} and expects exactly one error with {@code id} on a line. */
  private static void expectInline(String id, String lineContaining, String... lines) {
    String[] source = new String[lines.length + 3];
    source[0] = "package inline;";
    source[1] = "import dev.quarry.*;";
    source[2] = "import java.time.Instant;";
    System.arraycopy(lines, 0, source, 3, lines.length);
    Compilation compilation = Compiling.compile("inline.R", source);
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining(lineContaining);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void timestampsNamingAMissingComponent() {
    expectInline("QuarryUnknownComponent", "@Timestamps",
        "@Table @Timestamps(created = \"createdOn\")",
        "record R(@Id long id, Instant createdAt, Instant updatedAt) {}");
  }

  @Test
  void timestampsOnAComponentOfTheWrongType() {
    expectInline("QuarryTimestampType", "String updatedAt",
        "@Table @Timestamps",
        "record R(@Id long id, Instant createdAt,",
        "    String updatedAt) {}");
  }

  @Test
  void softDeleteNamingAMissingComponent() {
    expectInline("QuarryUnknownComponent", "@SoftDelete",
        "@Table @SoftDelete",
        "record R(@Id long id, Instant removedAt) {}");
  }

  @Test
  void softDeleteOnAComponentOfTheWrongType() {
    expectInline("QuarryTimestampType", "boolean deletedAt",
        "@Table @SoftDelete",
        "record R(@Id long id,",
        "    boolean deletedAt) {}");
  }

  @Test
  void keysetThatDoesNotEndWithThePrimaryKey() {
    expectInline("QuarryKeysetNotTotal", "@KeysetPaged",
        "@Table",
        "@KeysetPaged(\"createdAt\")",
        "record R(@Id long id, Instant createdAt) {}");
  }

  @Test
  void keysetOverANullableComponent() {
    expectInline("QuarryKeysetNullable", "@KeysetPaged",
        "@Table",
        "@KeysetPaged({\"rank\", \"id\"})",
        "record R(@Id long id, @R.Nullable Integer rank) { @interface Nullable {} }");
  }

  @Test
  void keysetNamingAnUnknownComponent() {
    expectInline("QuarryUnknownComponent", "@KeysetPaged",
        "@Table",
        "@KeysetPaged({\"created\", \"id\"})",
        "record R(@Id long id, Instant createdAt) {}");
  }

  @Test
  void fullTextOverANonTextComponent() {
    expectInline("QuarryFullTextType", "@FullText",
        "@Table",
        "@FullText({\"title\", \"views\"})",
        "record R(@Id long id, String title, long views) {}");
  }

  @Test
  void fullTextWithAnInvalidLanguage() {
    expectInline("QuarryFullTextLanguage", "@FullText",
        "@Table",
        "@FullText(value = \"title\", language = \"english'; --\")",
        "record R(@Id long id, String title) {}");
  }

  @Test
  void annotationNotYetImplementedIsRefusedNotIgnored() {
    expectInline("QuarryNotYetSupported", "@Partitioned",
        "@Table",
        "@Partitioned(by = \"at\")",
        "record R(@Id long id, @Id Instant at) {}");
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
}
