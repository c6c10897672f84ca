package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** A record whose component type another processor generates is processed once that type exists. */
class DeferralTest {

  /** Writes the enum {@code later.Mood} in its first round, as another code generator would. */
  static final class MoodGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("later.Mood").openWriter()) {
          w.write("package later; public enum Mood { CALM, ANGRY }");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void recordWaitsForAGeneratedComponentType() {
    Compilation compilation = javac()
        // The generator runs first: Quarry claims its own annotations (for -Werror builds), and
        // javac does not call a "*" processor for a round whose annotations are all claimed.
        .withProcessors(new MoodGenerator(), new QuarryProcessor())
        .compile(JavaFileObjects.forSourceLines("later.Feeling",
            "package later;",
            "import dev.quarry.*;",
            "@Table",
            "public record Feeling(@Id long id, Mood mood) {}"));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("later.FeelingDao").contentsAsUtf8String()
        .contains("Reads.getEnum(rs, 2, Mood::valueOf)");
  }
}
