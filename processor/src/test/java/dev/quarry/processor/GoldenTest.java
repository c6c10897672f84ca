package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated code of one representative record, compared as exact text with the files in
 * {@code src/test/resources/golden/article/}, so a change to what users read shows in review.
 * To rewrite them on purpose: {@code QUARRY_GOLDEN_ROOT=$PWD/processor/src/test/resources/golden mvn test -pl processor}.
 */
class GoldenTest {
  private static final String CASE = "article";

  @Test
  void articleDaoSchemaAndSchemaSql() throws IOException {
    Compilation compilation = Compiling.compile(
        Compiling.resource("golden/input/Author.java"), Compiling.resource("golden/input/Article.java"));
    assertThat(compilation).succeededWithoutWarnings();
    compare("ArticleDao.java", content(compilation.generatedSourceFile("golden.ArticleDao").orElseThrow()));
    compare("ArticleSchema.java", content(compilation.generatedSourceFile("golden.ArticleSchema").orElseThrow()));
    compare("schema.sql", content(
        compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/quarry/schema.sql").orElseThrow()));
  }

  private static String content(JavaFileObject file) throws IOException {
    return file.getCharContent(false).toString();
  }

  private static void compare(String name, String actual) throws IOException {
    String root = System.getenv("QUARRY_GOLDEN_ROOT");
    if (root != null && !root.isBlank()) {
      Path path = Path.of(root, CASE, name);
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/" + CASE + "/" + name)) {
      if (in == null) {
        throw new AssertionError("missing golden file golden/" + CASE + "/" + name + "; set QUARRY_GOLDEN_ROOT to write it");
      }
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name + " differs from its golden file");
    }
  }
}
