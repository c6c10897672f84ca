package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.JavacTask;
import dev.quarry.Table;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * -Xlint:all -Werror builds: Quarry claims every annotation it owns and the @Generated on its own
 * output, so javac's "no processor claimed" lint stays quiet about them, and generated code has
 * no lint warning of its own; annotations of others stay unclaimed.
 */
class ClaimsTest {
  /** One file per top-level type: javac's lint warns about auxiliary classes used from elsewhere. */
  private static final JavaFileObject[] EVERY_ANNOTATION = {
      JavaFileObjects.forSourceLines("strict.Owner",
          "package strict;",
          "import dev.quarry.*;",
          "@Table(\"owners\") record Owner(@Id @Identity Long id, @Unique String email) {}"),
      JavaFileObjects.forSourceLines("strict.Doc",
          "package strict;",
          "import dev.quarry.*;",
          "import java.time.Instant;",
          "@Table(\"docs\") @Timestamps @SoftDelete @KeysetPaged({\"createdAt\", \"id\"}) @FullText(\"title\")",
          "@UniqueKey({\"ownerId\", \"slug\"}) @UniqueKey({\"ownerId\", \"title\"})",
          "@Index(\"title\") @Index(value = \"slug\", name = \"docs_by_slug\")",
          "record Doc(@Id @Identity Long id, @ForeignKey(references = Owner.class, onDelete = OnDelete.CASCADE) long ownerId,",
          "    String slug, @Column(\"heading\") String title, @Version long version,",
          "    Instant createdAt, Instant updatedAt, Instant deletedAt) {}"),
      JavaFileObjects.forSourceLines("strict.DocQueries",
          "package strict;",
          "import dev.quarry.*;",
          "import java.util.List;",
          "@Queries(Doc.class) interface DocQueries {",
          "  @Sql(\"SELECT * FROM docs WHERE owner_id = :ownerId AND deleted_at IS NULL\") List<Doc> byOwner(long ownerId);",
          "}"),
      JavaFileObjects.forSourceLines("strict.Event",
          "package strict;",
          "import dev.quarry.*;",
          "import java.time.Instant;",
          "@Table(\"events\") @Partitioned(by = \"at\", premake = 2)",
          "record Event(@Id long id, @Id Instant at) {}")};

  @Test
  void everyQuarryAnnotationAndItsOwnGeneratedAreClaimedAndTheOutputIsLintClean() {
    Compilation c = javac().withOptions("-Xlint:all", "-Werror").withProcessors(new QuarryProcessor())
        .compile(EVERY_ANNOTATION);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("strict.DocDao").contentsAsUtf8String().contains("@Generated(");
  }

  @Test
  void othersAnnotationsStayUnclaimed() {
    Compilation c = javac().withOptions("-Xlint:processing").withProcessors(new QuarryProcessor())
        .compile(JavaFileObjects.forSourceLines("mine.Note",
            "package mine;",
            "import dev.quarry.*;",
            "@interface Audited {}",
            "@Audited @Table record Note(@Id long id) {}"));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("No processor claimed any of these annotations");
    assertThat(c).hadWarningContaining("mine.Audited");
    assertThat(c).hadWarningCount(1);
    assertTrue(c.warnings().stream().noneMatch(w -> w.getMessage(null).contains("dev.quarry")), c.warnings().toString());
  }

  /** Another tool's @Generated in the round: Quarry claims nothing there, so other processors still see it. */
  @Test
  void anotherToolsGeneratedIsNotClaimed() {
    Compilation c = javac().withOptions("-Xlint:processing").withProcessors(new QuarryProcessor())
        .compile(JavaFileObjects.forSourceLines("mine.Note",
            "package mine;",
            "import dev.quarry.*;",
            "@javax.annotation.processing.Generated(\"some.other.Tool\") class Made {}",
            "@Table record Note(@Id long id) {}"));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("javax.annotation.processing.Generated");
  }

  /** The claim follows the annotations jar: an annotation added there is claimed without a list to update. */
  @Test
  void theClaimCoversEveryAnnotationTypeOfTheAnnotationsJar() throws Exception {
    JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, null, null,
        List.of("-proc:none"), null, List.of(JavaFileObjects.forSourceLines("x.X", "package x; class X {}")));
    task.analyze();
    Set<String> claimed = Claims.supported(task.getElements(), QuarryProcessor.TABLE, QuarryProcessor.QUERIES);
    Set<String> declared = annotationTypesOfTheAnnotationsJar();
    assertTrue(declared.size() >= 20, "found " + declared);
    assertEquals(Set.of(), difference(declared, claimed), "declared in dev.quarry but not claimed");
    Set<String> expectedExtra = Set.of(Claims.GENERATED);
    assertEquals(expectedExtra, difference(claimed, declared), "claimed but not Quarry's (besides its own @Generated)");
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static Set<String> annotationTypesOfTheAnnotationsJar() throws IOException, URISyntaxException {
    Path location = Path.of(Table.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> classFiles;
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        classFiles = files.map(p -> location.relativize(p).toString().replace('\\', '/')).toList();
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        classFiles = jar.stream().map(e -> e.getName()).toList();
      }
    }
    Set<String> names = new TreeSet<>();
    for (String f : classFiles) {
      if (f.startsWith("dev/quarry/") && f.endsWith(".class") && !f.endsWith("package-info.class")
          && f.indexOf('/', "dev/quarry/".length()) < 0) {
        try {
          Class<?> type = Class.forName(f.replace('/', '.').replaceAll("\\.class$", ""));
          if (type.isAnnotation()) {
            names.add(type.getCanonicalName());
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    }
    return names;
  }
}
