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

  @Test
  void annotationNotYetImplementedIsRefusedNotIgnored() {
    Compilation compilation = Compiling.compile("later.Event",
        "package later;",
        "import dev.quarry.*;",
        "@Table",
        "@FullText(\"title\")",
        "public record Event(@Id long id, String title) {}");
    assertThat(compilation).hadErrorContaining("[QuarryNotYetSupported] @FullText").inFile(
        compilation.sourceFiles().get(0)).onLineContaining("@FullText");
    assertThat(compilation).hadErrorCount(1);
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
