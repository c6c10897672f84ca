package dev.quarry.processor;

import com.google.auto.service.AutoService;
import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.check.TableChecker;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.read.TableReader;
import dev.quarry.processor.write.DaoWriter;
import dev.quarry.processor.write.SchemaResource;
import dev.quarry.processor.write.SchemaWriter;
import dev.quarry.processor.write.SourceFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * Writes {@code XSchema} and {@code XDao} for every {@code @Table} record, and
 * {@code META-INF/quarry/schema.sql} for the whole compilation.
 *
 * <p>Each record passes read, check, write; nothing is written for a record with errors, so
 * users see the real problem rather than follow-on compile errors. A record whose component
 * types are not generated yet waits for a later round. No exception escapes to javac.
 */
@AutoService(Processor.class)
public final class QuarryProcessor extends AbstractProcessor {
  static final String TABLE = "dev.quarry.Table";

  private final Set<String> deferred = new LinkedHashSet<>();
  private final List<TableModel> tables = new ArrayList<>();
  private Diagnostics diagnostics;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(TABLE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (diagnostics == null) {
      diagnostics = new Diagnostics(processingEnv.getMessager());
    }
    List<TypeElement> work = new ArrayList<>();
    for (String name : deferred) {
      TypeElement e = processingEnv.getElementUtils().getTypeElement(name);
      if (e != null) {
        work.add(e);
      }
    }
    deferred.clear();
    TypeElement table = processingEnv.getElementUtils().getTypeElement(TABLE);
    if (table != null) {
      for (Element e : round.getElementsAnnotatedWith(table)) {
        work.add((TypeElement) e);
      }
    }
    for (TypeElement element : work) {
      if (!round.processingOver() && TableReader.needsDeferral(element)) {
        deferred.add(element.getQualifiedName().toString());
      } else {
        processTable(element);
      }
    }
    if (round.processingOver()) {
      finish();
    }
    return false;
  }

  private void processTable(TypeElement element) {
    try {
      TableReader reader = new TableReader(processingEnv.getElementUtils(), diagnostics);
      Optional<TableModel> model = reader.read(element);
      if (model.isEmpty() || !new TableChecker(diagnostics).check(model.get())) {
        return;
      }
      SourceFiles files = new SourceFiles(processingEnv.getFiler());
      files.write(model.get().packageName(), SchemaWriter.render(model.get()), element);
      files.write(model.get().packageName(), DaoWriter.render(model.get()), element);
      tables.add(model.get());
    } catch (Exception | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Kind.ERROR,
          Messages.internal(element.getQualifiedName().toString(), trace.toString()), element);
    }
  }

  private void finish() {
    for (String name : deferred) {
      TypeElement e = processingEnv.getElementUtils().getTypeElement(name);
      processingEnv.getMessager().printMessage(Kind.ERROR, Messages.missingType(name), e);
    }
    if (!tables.isEmpty()) {
      try {
        SchemaResource.write(processingEnv.getFiler(), tables);
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Kind.ERROR,
            "[QuarryInternal] could not write " + SchemaResource.PATH + ": " + e.getMessage());
      }
    }
  }
}
