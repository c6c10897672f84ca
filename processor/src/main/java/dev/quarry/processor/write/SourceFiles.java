package dev.quarry.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * Writes every generated file the same way: {@code @Generated} without a date where the code
 * being compiled can see it (see {@link GeneratedAnnotation}), two-space indent.
 */
public final class SourceFiles {
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  public static final String PROCESSOR = "dev.quarry.processor.QuarryProcessor";

  private final Filer filer;
  private final Elements elements;

  public SourceFiles(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  /** The {@code @Generated} annotation every generated type carries. */
  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED)
        .addMember("value", "$S", PROCESSOR)
        .addMember("comments", "$S", "Generated from the record's annotations; edit the record, not this file")
        .build();
  }

  /**
   * A name from an annotation as Javadoc shows it: {@code {@code name}} when that is safe, else
   * {@code <code>...</code>} with every character that could end the comment ({@code *}{@code /}),
   * become a unicode escape javac reads before the comment ({@code \}{@code u}), open a tag or
   * break a line written as an HTML entity.
   */
  static String code(String name) {
    if (name.matches("[A-Za-z0-9_ .,:#()\\[\\]-]*")) {
      return "{@code " + name + "}";
    }
    StringBuilder b = new StringBuilder("<code>");
    name.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || "&<>@{}*/\\$\"'".indexOf(c) >= 0) {
        b.append("&#").append(c).append(';');
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.append("</code>").toString();
  }

  /** Writes {@code type} into {@code packageName}, attributed to {@code origin}. */
  public void write(String packageName, TypeSpec type, Element origin) throws IOException {
    TypeSpec.Builder file = type.toBuilder().addOriginatingElement(origin);
    if (GeneratedAnnotation.visibleFrom(elements, origin)) {
      file.addAnnotation(generated());
    }
    JavaFile.builder(packageName, file.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .writeTo(filer);
  }
}
