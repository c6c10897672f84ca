package dev.quarry.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/** Writes every generated file the same way: {@code @Generated} without a date, two-space indent. */
public final class SourceFiles {
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final String PROCESSOR = "dev.quarry.processor.QuarryProcessor";

  private final Filer filer;

  public SourceFiles(Filer filer) {
    this.filer = filer;
  }

  /** The {@code @Generated} annotation every generated type carries. */
  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED)
        .addMember("value", "$S", PROCESSOR)
        .addMember("comments", "$S", "Generated from the record's annotations; edit the record, not this file")
        .build();
  }

  /** Writes {@code type} into {@code packageName}, attributed to {@code origin}. */
  public void write(String packageName, TypeSpec type, Element origin) throws IOException {
    JavaFile.builder(packageName, type.toBuilder().addOriginatingElement(origin).build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .writeTo(filer);
  }
}
