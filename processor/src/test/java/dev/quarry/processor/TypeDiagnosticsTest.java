package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics of the 0.2 types (arrays, JSON documents, intervals, enum types, index
 * methods): one test each, with its id, the line it lands on, and that nothing else fires.
 */
class TypeDiagnosticsTest {

  @Test
  void aListOfByteArraysHasNoArrayForm() {
    Compilation c = Compiling.expectInline("java.util.*", "QuarryUnsupportedElementType", "List<byte[]> blobs",
        "@Table record R(@Id long id,",
        "    List<byte[]> blobs) {}");
    assertThat(c).hadErrorContaining("component 'blobs'");
    assertThat(c).hadErrorContaining("@Column(type = \"jsonb\")");
  }

  @Test
  void aNestedListHasNoArrayForm() {
    Compiling.expectInline("java.util.*", "QuarryUnsupportedElementType", "List<List<String>> matrix",
        "@Table record R(@Id long id,",
        "    List<List<String>> matrix) {}");
  }

  @Test
  void anArrayOfUnmappableElements() {
    Compilation c = Compiling.expectInline("java.util.*", "QuarryUnsupportedElementType", "Object[] things",
        "@Table record R(@Id long id,",
        "    Object[] things) {}");
    assertThat(c).hadErrorContaining("element type 'java.lang.Object'");
  }

  @Test
  void aRawListNamesNoElementType() {
    Compiling.expectInline("java.util.*", "QuarryUnsupportedElementType", "List raw",
        "@SuppressWarnings(\"rawtypes\") @Table record R(@Id long id,",
        "    List raw) {}");
  }

  @Test
  void aMapWithoutJsonbIsUnsupported() {
    Compilation c = Compiling.expectInline("java.util.*", "QuarryUnsupportedType", "Map<String, Object> attributes",
        "@Table record R(@Id long id,",
        "    Map<String, Object> attributes) {}");
    assertThat(c).hadErrorContaining("@Column(type = \"jsonb\")");
  }

  @Test
  void anEnumTypeNameMustBeAName() {
    Compiling.expectInline("java.util.*", "QuarryEnumTypeName", "Level level",
        "enum Level { LOW, HIGH }",
        "@Table record R(@Id long id,",
        "    @Column(type = \"level type\") Level level) {}");
  }

  @Test
  void anArrayCannotBeTheKey() {
    Compiling.expectInline("java.util.*", "QuarryKeyType", "@Id List<Long> ids",
        "@Table record R(",
        "    @Id List<Long> ids) {}");
  }

  @Test
  void aJsonDocumentCannotBeAUniqueKey() {
    Compiling.expectInline("java.util.*", "QuarryKeyType", "@UniqueKey",
        "@Table @UniqueKey({\"settings\"})",
        "record R(@Id long id, @Column(type = \"jsonb\") Map<String, Object> settings) {}");
  }

  @Test
  void anArrayCannotOrderAKeyset() {
    Compiling.expectInline("java.util.*", "QuarryKeyType", "@KeysetPaged",
        "@Table @KeysetPaged({\"tags\", \"id\"})",
        "record R(@Id long id, String[] tags) {}");
  }

  @Test
  void anUnknownIndexMethodSuggestsTheRealOne() {
    Compilation c = Compiling.expectInline("java.util.*", "QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"tags\", using = \"gim\")",
        "record R(@Id long id, List<String> tags) {}");
    assertThat(c).hadErrorContaining("did you mean 'gin'");
  }

  @Test
  void ginOverAScalarColumn() {
    Compiling.expectInline("java.util.*", "QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"name\", using = \"gin\")",
        "record R(@Id long id, String name) {}");
  }

  @Test
  void aUniqueIndexMustBeBtree() {
    Compiling.expectInline("java.util.*", "QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"tags\", unique = true)",
        "record R(@Id long id, List<String> tags) {}");
  }

  @Test
  void aDescendingIndexMustBeBtree() {
    Compiling.expectInline("java.util.*", "QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"name DESC\", using = \"hash\")",
        "record R(@Id long id, String name) {}");
  }

  @Test
  void everyNewTypeCompilesCleanly() {
    Compilation c = Compiling.compile("inline.R",
        "package inline;",
        "import dev.quarry.*;",
        "import java.time.*;",
        "import java.util.*;",
        "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface Nullable {}",
        "enum Level { LOW, HIGH }",
        "record Settings(String theme, int size) {}",
        "@Table @Index(\"tags\") @Index(value = \"level\", using = \"hash\")",
        "record R(@Id long id, List<String> tags, long[] counts, @Nullable UUID[] refs, List<@Nullable Instant> times,",
        "    Duration timeout, @Column(type = \"level\") Level level, @Column(type = \"level[]\") List<Level> levels,",
        "    @Column(type = \"jsonb\") Settings settings, @Column(type = \"jsonb\") Map<String, Object> attributes,",
        "    @Column(type = \"jsonb\") List<Settings> history) {}");
    assertThat(c).succeededWithoutWarnings();
  }
}
