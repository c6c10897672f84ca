package dev.quarry.processor;

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
}
