package dev.quarry.processor.read;

import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.model.CheckModel;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.DistributionModel;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.FullTextModel;
import dev.quarry.processor.model.IndexModel;
import dev.quarry.processor.model.KeysetModel;
import dev.quarry.processor.model.PartitionModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.TimestampsModel;
import dev.quarry.processor.model.UniqueKeyModel;
import dev.quarry.processor.sql.Expressions;
import dev.quarry.processor.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Builds a {@link TableModel} from a {@code @Table} element. Reports what prevents building a
 * model (not a record, an unsupported type, a name that matches no component); semantic rules
 * over a built model live in {@code check/}.
 */
public final class TableReader {
  private final Elements elements;
  private final Annotations annotations;
  private final Diagnostics diagnostics;

  public TableReader(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.annotations = new Annotations(elements);
    this.diagnostics = diagnostics;
  }

  /** Whether any component's type is not yet known, so the record must wait a round. */
  public static boolean needsDeferral(TypeElement element) {
    if (element.getKind() != ElementKind.RECORD) {
      return false;
    }
    return element.getRecordComponents().stream().anyMatch(c -> Types.isMissing(c.asType()));
  }

  /** The model, or empty when the record's shape is wrong (errors already reported). */
  public Optional<TableModel> read(TypeElement element) {
    int errorsBefore = diagnostics.errorCount();
    AnnotationMirror table = annotations.find(element, "Table").orElseThrow();
    if (element.getKind() != ElementKind.RECORD) {
      diagnostics.error(element, table, Messages.tableNotRecord(element.getKind().toString().toLowerCase(Locale.ROOT)));
      return Optional.empty();
    }
    if (!element.getTypeParameters().isEmpty()) {
      diagnostics.error(element, Messages.genericRecord(element.getSimpleName().toString(),
          element.getTypeParameters().stream().map(t -> t.getSimpleName().toString()).toList()));
    }
    if (element.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.error(element, Messages.privateRecord(element.getSimpleName().toString()));
    }
    String tableName = annotations.string(table, "value");
    if (tableName.isEmpty()) {
      tableName = Identifiers.snakeCase(element.getSimpleName().toString());
    }

    Optional<AnnotationMirror> softDeleteMirror = annotations.find(element, "SoftDelete");
    String softDeleteName = softDeleteMirror.map(m -> annotations.string(m, "value")).orElse(null);
    Map<String, ColumnModel> columns = new LinkedHashMap<>();
    for (RecordComponentElement component : element.getRecordComponents()) {
      column(component, softDeleteName).ifPresent(c -> columns.put(c.name(), c));
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    List<ColumnModel> all = List.copyOf(columns.values());
    Optional<TimestampsModel> timestamps = annotations.find(element, "Timestamps").flatMap(m -> timestamps(element, m, columns));
    Optional<ColumnModel> softDelete = softDeleteMirror.flatMap(m -> timestampComponent(element, m, "value", "@SoftDelete", columns));
    List<UniqueKeyModel> uniqueKeys = uniqueKeys(element, tableName, columns);
    List<IndexModel> indexes = new ArrayList<>(indexes(element, tableName, columns));
    Optional<KeysetModel> keyset = annotations.find(element, "KeysetPaged").flatMap(m ->
        Optional.ofNullable(resolve(element, m, "@KeysetPaged", annotations.strings(m, "value"), columns))
            .map(cols -> new KeysetModel(m, cols, annotations.bool(m, "descending"))));
    Optional<FullTextModel> fullText = annotations.find(element, "FullText").flatMap(m ->
        Optional.ofNullable(resolve(element, m, "@FullText", annotations.strings(m, "value"), columns))
            .map(cols -> new FullTextModel(m, cols, annotations.string(m, "language"), "search_vector")));
    Optional<PartitionModel> partitioning = annotations.find(element, "Partitioned").flatMap(m -> partitioning(element, m, columns));
    List<ForeignKeyModel> foreignKeys = foreignKeys(tableName, all);
    addForeignKeyIndexes(tableName, all, foreignKeys, uniqueKeys, indexes);
    Optional<DistributionModel> distribution =
        new DistributionReader(elements, annotations, diagnostics).read(element, columns, foreignKeys);
    List<CheckModel> checks = checks(element, tableName, all);
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new TableModel(element, packageOf(element), baseName(element),
        element.getModifiers().contains(Modifier.PUBLIC), tableName, all, uniqueKeys, List.copyOf(indexes),
        foreignKeys, checks, timestamps, softDelete, keyset, fullText, partitioning, distribution));
  }

  private Optional<PartitionModel> partitioning(TypeElement record, AnnotationMirror m, Map<String, ColumnModel> columns) {
    List<ColumnModel> key = resolve(record, m, "@Partitioned(by)", List.of(annotations.string(m, "by")), columns);
    if (key == null) {
      return Optional.empty();
    }
    List<PartitionModel.ListPartition> lists = new ArrayList<>();
    for (AnnotationMirror list : annotations.annotations(m, "lists")) {
      lists.add(new PartitionModel.ListPartition(annotations.string(list, "name"), annotations.strings(list, "values")));
    }
    return Optional.of(new PartitionModel(m, key.get(0), annotations.enumName(m, "strategy"),
        annotations.enumName(m, "interval"), annotations.longValue(m, "step"), annotations.integer(m, "premake"),
        annotations.integer(m, "retain"), annotations.string(m, "zone"), annotations.bool(m, "defaultPartition"),
        annotations.integer(m, "modulus"), List.copyOf(lists), annotations.enumName(m, "manager")));
  }

  private Optional<TimestampsModel> timestamps(TypeElement record, AnnotationMirror m, Map<String, ColumnModel> columns) {
    Optional<ColumnModel> created = timestampComponent(record, m, "created", "@Timestamps", columns);
    Optional<ColumnModel> updated = timestampComponent(record, m, "updated", "@Timestamps", columns);
    if (created.isEmpty() || updated.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TimestampsModel(created.get(), updated.get(), annotations.bool(m, "trigger")));
  }

  /** The component an annotation attribute names, which must hold a point in time. */
  private Optional<ColumnModel> timestampComponent(TypeElement record, AnnotationMirror m, String attribute,
      String annotation, Map<String, ColumnModel> columns) {
    String name = annotations.string(m, attribute);
    ColumnModel c = columns.get(name);
    if (c == null) {
      AnnotationValue written = Annotations.explicitValue(m, attribute);
      diagnostics.error(record, m, written, written != null
          ? Messages.unknownComponent(annotation + "(" + attribute + ")", name, columns.keySet())
          : Messages.missingDefaultComponent(annotation, attribute, name, purpose(annotation, attribute),
              (annotation.equals("@SoftDelete") ? "@Nullable Instant " : "Instant ") + name, columns.keySet()));
      return Optional.empty();
    }
    if (c.id() || c.version()) {
      diagnostics.error(c.element(), Messages.timestampKeyOrVersion(annotation, name, c.id()));
      return Optional.empty();
    }
    if (!c.kind().isTimestamp()) {
      diagnostics.error(c.element(), Messages.timestampType(annotation, name, c.type().toString()));
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /** What the component an annotation attribute names is for, as the messages say it. */
  private static String purpose(String annotation, String attribute) {
    return switch (annotation + "(" + attribute + ")") {
      case "@SoftDelete(value)" -> "the time a row was deleted";
      case "@Timestamps(created)" -> "the time a row was inserted";
      default -> "the time a row was last updated";
    };
  }

  private Optional<ColumnModel> column(RecordComponentElement component, String softDeleteName) {
    String name = component.getSimpleName().toString();
    Optional<AnnotationMirror> columnAnnotation = annotations.find(component, "Column");
    String typeOverride = columnAnnotation.map(m -> annotations.string(m, "type")).orElse("").trim();
    Optional<ColumnTypes.Resolved> resolved = new ColumnTypes(diagnostics).resolve(component, typeOverride);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    ColumnTypes.Resolved type = resolved.get();
    String column = columnAnnotation.map(m -> annotations.string(m, "value")).filter(s -> !s.isEmpty())
        .orElse(Identifiers.snakeCase(name));
    boolean primitive = component.asType().getKind().isPrimitive();
    boolean id = annotations.find(component, "Id").isPresent();
    // The soft-delete mark is null on every live row, whatever the component says.
    boolean nullable = !primitive && !id && (isNullable(component) || name.equals(softDeleteName));
    return Optional.of(new ColumnModel(component, name, column, component.asType(), type.kind(), primitive, nullable,
        type.sqlType(), type.cast(), id, annotations.find(component, "Identity").isPresent(),
        annotations.find(component, "Version").isPresent(), type.array(), type.enumType()));
  }

  /**
   * A reference component is nullable when it carries any annotation named {@code Nullable},
   * as a declaration annotation or a type-use annotation (JSpecify, Jakarta, JetBrains ...).
   */
  private static boolean isNullable(RecordComponentElement component) {
    return Annotations.hasSimpleName(component.getAnnotationMirrors(), "Nullable")
        || Annotations.hasSimpleName(component.asType().getAnnotationMirrors(), "Nullable")
        || (component.getAccessor() != null
            && Annotations.hasSimpleName(component.getAccessor().getReturnType().getAnnotationMirrors(), "Nullable"));
  }

  private List<UniqueKeyModel> uniqueKeys(TypeElement record, String table, Map<String, ColumnModel> columns) {
    List<UniqueKeyModel> keys = new ArrayList<>();
    for (ColumnModel c : columns.values()) {
      Optional<AnnotationMirror> unique = annotations.find(c.element(), "Unique");
      // A unique single-column primary key already is unique: no second index.
      if (unique.isPresent() && !(c.id() && columns.values().stream().filter(ColumnModel::id).count() == 1)) {
        keys.add(new UniqueKeyModel(c.element(), unique.get(), List.of(c), Identifiers.name(table + "_" + c.column(), "key")));
      }
    }
    for (AnnotationMirror m : annotations.findAll(record, "UniqueKey")) {
      List<ColumnModel> key = resolve(record, m, "@UniqueKey", annotations.strings(m, "value"), columns);
      if (key != null) {
        String base = table + "_" + String.join("_", key.stream().map(ColumnModel::column).toList());
        keys.add(new UniqueKeyModel(record, m, key, Identifiers.name(base, "key")));
      }
    }
    return List.copyOf(keys);
  }

  private List<IndexModel> indexes(TypeElement record, String table, Map<String, ColumnModel> columns) {
    List<IndexModel> indexes = new ArrayList<>();
    for (AnnotationMirror m : annotations.findAll(record, "Index")) {
      List<String> entries = annotations.strings(m, "value");
      List<String> names = new ArrayList<>();
      List<Boolean> descending = new ArrayList<>();
      for (String entry : entries) {
        String[] words = entry.trim().split("\\s+");
        names.add(words[0]);
        descending.add(words.length > 1 && words[1].equalsIgnoreCase("DESC"));
      }
      List<ColumnModel> resolved = resolve(record, m, "@Index", names, columns);
      if (resolved == null) {
        continue;
      }
      List<IndexModel.Part> parts = new ArrayList<>();
      for (int i = 0; i < resolved.size(); i++) {
        parts.add(new IndexModel.Part(resolved.get(i), descending.get(i)));
      }
      String name = annotations.string(m, "name");
      if (name.isEmpty()) {
        name = Identifiers.name(table + "_" + String.join("_", resolved.stream().map(ColumnModel::column).toList()), "idx");
      }
      indexes.add(new IndexModel(record, m, name, parts, annotations.string(m, "where").trim(),
          annotations.bool(m, "unique"), indexMethod(annotations.string(m, "using"), resolved)));
    }
    return indexes;
  }

  /**
   * The index method as given, in lower case; {@code ""} chooses GIN when every column is an
   * array or a JSON document (B-tree cannot answer {@code @>}, {@code &&} or {@code ?}), else B-tree.
   */
  private static String indexMethod(String using, List<ColumnModel> columns) {
    if (!using.isBlank()) {
      return using.trim().toLowerCase(Locale.ROOT);
    }
    boolean containers = columns.stream().allMatch(c -> c.kind() == ColumnKind.ARRAY || c.kind() == ColumnKind.JSON);
    return containers ? "gin" : "btree";
  }

  /** The columns named by an annotation attribute; {@code null} after reporting unknown names. */
  private List<ColumnModel> resolve(TypeElement record, AnnotationMirror m, String annotation, List<String> names,
      Map<String, ColumnModel> columns) {
    if (names.isEmpty()) {
      diagnostics.error(record, m, Annotations.explicitValue(m, "value"), Messages.emptyColumns(annotation));
      return null;
    }
    List<ColumnModel> resolved = new ArrayList<>();
    for (String name : names) {
      ColumnModel c = columns.get(name);
      if (c == null) {
        diagnostics.error(record, m, Annotations.explicitValue(m, "value"),
            Messages.unknownComponent(annotation, name, columns.keySet()));
        return null;
      }
      resolved.add(c);
    }
    return resolved;
  }

  private List<ForeignKeyModel> foreignKeys(String table, List<ColumnModel> columns) {
    List<ForeignKeyModel> keys = new ArrayList<>();
    for (ColumnModel c : columns) {
      Optional<AnnotationMirror> fk = annotations.find(c.element(), "ForeignKey");
      if (fk.isEmpty()) {
        continue;
      }
      TypeElement target = annotations.type(fk.get(), "references");
      Optional<AnnotationMirror> targetTable = target == null ? Optional.empty() : annotations.find(target, "Table");
      if (targetTable.isEmpty() || target.getKind() != ElementKind.RECORD) {
        diagnostics.error(c.element(), fk.get(), Annotations.explicitValue(fk.get(), "references"),
            Messages.foreignKeyTarget(c.name(), String.valueOf(target == null ? "?" : target.getQualifiedName())));
        continue;
      }
      List<? extends RecordComponentElement> targetKey = target.getRecordComponents().stream()
          .filter(rc -> annotations.find(rc, "Id").isPresent()).toList();
      Optional<AnnotationMirror> targetPartitioned = annotations.find(target, "Partitioned");
      if (targetKey.size() != 1) {
        String qualified = target.getQualifiedName().toString();
        diagnostics.error(c.element(), fk.get(), targetPartitioned
            .map(p -> Messages.foreignKeyPartitionedCompositeTarget(c.name(), qualified, annotations.string(p, "by")))
            .orElse(Messages.foreignKeyCompositeTarget(c.name(), qualified)));
        continue;
      }
      String targetName = annotations.string(targetTable.get(), "value");
      if (targetName.isEmpty()) {
        targetName = Identifiers.snakeCase(target.getSimpleName().toString());
      }
      RecordComponentElement targetId = targetKey.get(0);
      String targetColumn = annotations.find(targetId, "Column").map(m -> annotations.string(m, "value"))
          .filter(s -> !s.isEmpty()).orElse(Identifiers.snakeCase(targetId.getSimpleName().toString()));
      String onDelete = annotations.enumName(fk.get(), "onDelete").replace('_', ' ');
      ForeignKeyModel.Target about = new ForeignKeyModel.Target(targetId.getSimpleName().toString(),
          targetPartitioned.map(p -> annotations.string(p, "by")),
          targetPartitioned.map(p -> annotations.integer(p, "retain")).orElse(0));
      keys.add(new ForeignKeyModel(c, target.getQualifiedName().toString(), targetName, targetColumn, onDelete,
          Identifiers.name(table + "_" + c.column(), "fkey"), about));
    }
    return List.copyOf(keys);
  }

  /**
   * The record's {@code @Check}s, then each component's. A derived name follows PostgreSQL's
   * own pattern, {@code <table>_<column>_check}: the component's column, or for a record the
   * columns its expression names; a number is added when two checks would share a name, in
   * declaration order, so the names do not depend on anything but the source.
   */
  private List<CheckModel> checks(TypeElement record, String table, List<ColumnModel> columns) {
    List<CheckModel> checks = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (AnnotationMirror m : annotations.findAll(record, "Check")) {
      checks.add(check(record, m, Optional.empty(), table, columns, taken));
    }
    for (ColumnModel c : columns) {
      for (AnnotationMirror m : annotations.findAll(c.element(), "Check")) {
        checks.add(check(c.element(), m, Optional.of(c), table, columns, taken));
      }
    }
    return List.copyOf(checks);
  }

  private CheckModel check(Element element, AnnotationMirror m, Optional<ColumnModel> column, String table,
      List<ColumnModel> columns, Set<String> taken) {
    String expression = annotations.string(m, "value").trim();
    String name = annotations.string(m, "name");
    if (name.isEmpty()) {
      List<String> named = column.map(c -> List.of(c.column())).orElseGet(() -> {
        List<String> words = Expressions.identifiers(expression);
        return columns.stream().map(ColumnModel::column).filter(words::contains).toList();
      });
      String base = named.isEmpty() ? table : table + "_" + String.join("_", named);
      name = Identifiers.name(base, "check");
      for (int i = 1; taken.contains(name); i++) {
        name = Identifiers.name(base, "check" + i);
      }
    }
    taken.add(name);
    return new CheckModel(element, m, column, expression, name);
  }

  /**
   * PostgreSQL indexes the referenced key but not the referencing column; without an index,
   * {@code findByOwnerId} and every delete of a parent scan the whole child table. Adds one
   * unless an existing key or index already starts with the column.
   */
  private static void addForeignKeyIndexes(String table, List<ColumnModel> columns, List<ForeignKeyModel> fks,
      List<UniqueKeyModel> uniqueKeys, List<IndexModel> indexes) {
    for (ForeignKeyModel fk : fks) {
      ColumnModel c = fk.column();
      boolean covered = columns.stream().filter(ColumnModel::id).findFirst().map(first -> first == c).orElse(false)
          || uniqueKeys.stream().anyMatch(k -> k.columns().get(0) == c)
          || indexes.stream().anyMatch(i -> i.columns().get(0).column() == c && i.where().isEmpty());
      if (!covered) {
        indexes.add(new IndexModel(c.element(), null, Identifiers.name(table + "_" + c.column(), "idx"),
            List.of(new IndexModel.Part(c, false)), "", false));
      }
    }
  }

  private String packageOf(TypeElement element) {
    PackageElement p = elements.getPackageOf(element);
    return p.isUnnamed() ? "" : p.getQualifiedName().toString();
  }

  /** {@code Document} for a top-level record, {@code Outer_Document} for a nested one. */
  private static String baseName(TypeElement element) {
    StringBuilder name = new StringBuilder(element.getSimpleName());
    for (Element e = element.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
      name.insert(0, t.getSimpleName() + "_");
    }
    return name.toString();
  }
}
