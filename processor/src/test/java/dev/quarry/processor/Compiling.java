package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Arrays;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, as a user's build would. */
final class Compiling {
  private Compiling() {}

  static JavaFileObject resource(String path) {
    return JavaFileObjects.forResource(path);
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new QuarryProcessor()).compile(Arrays.asList(sources));
  }

  static Compilation compile(String className, String... lines) {
    return compile(JavaFileObjects.forSourceLines(className, lines));
  }

  /** Compiles the resource {@code bad/<resource>.java} and expects exactly one error with {@code id} on a line. */
  static void expectError(String resource, String id, String lineContaining) {
    JavaFileObject source = resource("bad/" + resource + ".java");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(source).onLineContaining(lineContaining);
    assertThat(compilation).hadErrorCount(1);
  }

  /**
   * Compiles one record in package {@code inline}, importing {@code dev.quarry.*} and
   * {@code extraImport}, and expects exactly one error with {@code id} on a line.
   */
  static Compilation expectInline(String extraImport, String id, String lineContaining, String... lines) {
    String[] source = new String[lines.length + 3];
    source[0] = "package inline;";
    source[1] = "import dev.quarry.*;";
    source[2] = "import " + extraImport + ";";
    System.arraycopy(lines, 0, source, 3, lines.length);
    Compilation compilation = compile("inline.R", source);
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(compilation.sourceFiles().get(0))
        .onLineContaining(lineContaining);
    assertThat(compilation).hadErrorCount(1);
    return compilation;
  }
}
