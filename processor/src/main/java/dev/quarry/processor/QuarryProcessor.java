package dev.quarry.processor;

import com.google.auto.service.AutoService;
import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.check.SqlVerification;
import dev.quarry.processor.check.TableChecker;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.read.QueriesReader;
import dev.quarry.processor.read.TableReader;
import dev.quarry.processor.write.DaoIndex;
import dev.quarry.processor.write.DaoWriter;
import dev.quarry.processor.write.SchemaResource;
import dev.quarry.processor.write.SchemaWriter;
import dev.quarry.processor.write.SourceFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * {@code META-INF/quarry/schema.sql} and the DAO index {@code META-INF/quarry/daos} for the whole
 * compilation.
 *
 * <p>Each record passes read, check, write; nothing is written for a record with errors, so
 * users see the real problem rather than follow-on compile errors. A record whose component
 * types are not generated yet waits for a later round. No exception escapes to javac.
 */
@AutoService(Processor.class)
public final class QuarryProcessor extends AbstractProcessor {
  static final String TABLE = "dev.quarry.Table";
  static final String QUERIES = "dev.quarry.Queries";

  private final Set<String> deferred = new LinkedHashSet<>();
  private final List<TableModel> tables = new ArrayList<>();
  /** {@code @Queries} interfaces by the qualified name of the record they serve. */
  private final Map<String, List<TypeElement>> queries = new HashMap<>();
  private Diagnostics diagnostics;
  private SqlVerification verification;

  /**
   * Every annotation of {@code dev.quarry}, and the {@code @Generated} of its own output: claimed
   * (see {@link Claims}) so that {@code -Xlint:all -Werror} builds do not fail on "no processor
   * claimed". Called by javac after {@link #init}.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Claims.supported(processingEnv == null ? null : processingEnv.getElementUtils(), TABLE, QUERIES);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SqlVerification.MODE_OPTION, SqlVerification.URL_OPTION);
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
    collectQueries(round);
    TypeElement table = processingEnv.getElementUtils().getTypeElement(TABLE);
    if (table != null) {
      for (Element e : round.getElementsAnnotatedWith(table)) {
        work.add((TypeElement) e);
      }
    }
    List<Unit> units = new ArrayList<>();
    for (TypeElement element : work) {
      if (!round.processingOver() && TableReader.needsDeferral(element)) {
        deferred.add(element.getQualifiedName().toString());
      } else {
        guarded(element, () -> prepare(element).ifPresent(units::add));
      }
    }
    List<TableModel> schema = new ArrayList<>(tables);
    units.forEach(u -> schema.add(u.model()));
    for (Unit u : units) {
      guarded(u.element(), () -> {
        List<QueryModel> methods = u.interfaces().stream().flatMap(i -> i.methods().stream()).toList();
        if (verification().check(schema, methods)) {
          write(u);
        }
      });
    }
    if (round.processingOver()) {
      finish();
    }
    return Claims.claim(annotations, round, SourceFiles.PROCESSOR);
  }

  /** A record read and checked, with its custom queries, not written yet. */
  private record Unit(TypeElement element, TableModel model, List<QueryModel.Interface> interfaces) {}

  /** Reads and checks a record and its @Queries interfaces; empty after reporting errors. */
  private Optional<Unit> prepare(TypeElement element) {
    TableReader reader = new TableReader(processingEnv.getElementUtils(), diagnostics);
    Optional<TableModel> model = reader.read(element);
    if (model.isEmpty() || !new TableChecker(diagnostics).check(model.get())) {
      return Optional.empty();
    }
    List<QueryModel.Interface> interfaces = new ArrayList<>();
    QueriesReader queriesReader = new QueriesReader(processingEnv.getElementUtils(), diagnostics);
    boolean clean = true;
    for (TypeElement i : queries.getOrDefault(element.getQualifiedName().toString(), List.of())) {
      Optional<QueryModel.Interface> read = queriesReader.read(i, model.get());
      read.ifPresent(interfaces::add);
      clean &= read.isPresent();
    }
    return clean ? Optional.of(new Unit(element, model.get(), interfaces)) : Optional.empty();
  }

  private void write(Unit u) throws IOException {
    SourceFiles files = new SourceFiles(processingEnv.getFiler(), processingEnv.getElementUtils());
    files.write(u.model().packageName(), SchemaWriter.render(u.model()), u.element());
    files.write(u.model().packageName(), DaoWriter.render(u.model(), u.interfaces()), u.element());
    tables.add(u.model());
  }

  private SqlVerification verification() {
    if (verification == null) {
      verification = new SqlVerification(processingEnv.getOptions(), diagnostics, processingEnv.getMessager());
    }
    return verification;
  }

  private interface Step {
    void run() throws Exception;
  }

  /** No exception escapes to javac: it becomes [QuarryInternal] on the record. */
  private void guarded(TypeElement element, Step step) {
    try {
      step.run();
    } catch (Exception | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Kind.ERROR,
          Messages.internal(element.getQualifiedName().toString(), trace.toString()), element);
    }
  }

  /** Records which {@code @Queries} interfaces each record's DAO must implement. */
  private void collectQueries(RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(QUERIES);
    if (annotation == null) {
      return;
    }
    QueriesReader reader = new QueriesReader(processingEnv.getElementUtils(), diagnostics);
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      reader.target((TypeElement) e).ifPresent(target ->
          queries.computeIfAbsent(target.getQualifiedName().toString(), k -> new ArrayList<>()).add((TypeElement) e));
    }
  }

  private void finish() {
    if (verification != null) {
      verification.close();
    }
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
      try {
        DaoIndex.write(processingEnv.getFiler(), tables);
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Kind.ERROR,
            "[QuarryInternal] could not write " + DaoIndex.PATH + ": " + e.getMessage());
      }
    }
  }
}
