package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics of the 0.2 types (arrays, JSON documents, intervals, enum types, index
 * methods): one test each, with its id, the line it lands on, and that nothing else fires.
 */
class TypeDiagnosticsTest {

  /** Compiles one record in package {@code inline} and expects exactly one error with {@code id} on a line. */
  private static Compilation expectInline(String id, String lineContaining, String... lines) {
    String[] source = new String[lines.length + 3];
    source[0] = "package inline;";
    source[1] = "import dev.quarry.*;";
    source[2] = "import java.util.*;";
    System.arraycopy(lines, 0, source, 3, lines.length);
    Compilation compilation = Compiling.compile("inline.R", source);
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining(lineContaining);
    assertThat(compilation).hadErrorCount(1);
    return compilation;
  }

  @Test
  void aMapWithoutJsonbIsUnsupported() {
    Compilation c = expectInline("QuarryUnsupportedType", "Map<String, Object> attributes",
        "@Table record R(@Id long id,",
        "    Map<String, Object> attributes) {}");
    assertThat(c).hadErrorContaining("@Column(type = \"jsonb\")");
  }

  @Test
  void anEnumTypeNameMustBeAName() {
    expectInline("QuarryEnumTypeName", "Level level",
        "enum Level { LOW, HIGH }",
        "@Table record R(@Id long id,",
        "    @Column(type = \"level type\") Level level) {}");
  }

  @Test
  void anUnknownIndexMethodSuggestsTheRealOne() {
    Compilation c = expectInline("QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"name\", using = \"btre\")",
        "record R(@Id long id, String name) {}");
    assertThat(c).hadErrorContaining("did you mean 'btree'");
  }

  @Test
  void aUniqueIndexMustBeBtree() {
    expectInline("QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"name\", unique = true, using = \"hash\")",
        "record R(@Id long id, String name) {}");
  }

  @Test
  void ginOverAScalarColumn() {
    expectInline("QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"name\", using = \"gin\")",
        "record R(@Id long id, String name) {}");
  }

  @Test
  void aDescendingIndexMustBeBtree() {
    expectInline("QuarryIndexMethod", "@Index",
        "@Table @Index(value = \"name DESC\", using = \"hash\")",
        "record R(@Id long id, String name) {}");
  }
}
