package dev.quarry.processor.read;

import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.DistributionModel;
import dev.quarry.processor.model.DistributionModel.Colocation;
import dev.quarry.processor.model.DistributionModel.Kind;
import dev.quarry.processor.model.DistributionModel.Placement;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.sql.Identifiers;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads {@code @Distributed} and {@code @Reference} into a {@link DistributionModel}: this
 * table's Citus placement and that of every table it references. Whether the combination is
 * allowed is {@code check/CitusChecker}'s business.
 */
final class DistributionReader {
  private final Elements elements;
  private final Annotations annotations;
  private final Diagnostics diagnostics;

  DistributionReader(Elements elements, Annotations annotations, Diagnostics diagnostics) {
    this.elements = elements;
    this.annotations = annotations;
    this.diagnostics = diagnostics;
  }

  /** The model, or empty for a table that neither is on Citus nor references one that is. */
  Optional<DistributionModel> read(TypeElement record, Map<String, ColumnModel> columns, List<ForeignKeyModel> foreignKeys) {
    Map<String, Placement> targets = new LinkedHashMap<>();
    for (ForeignKeyModel fk : foreignKeys) {
      TypeElement target = elements.getTypeElement(fk.targetRecord());
      targets.put(fk.targetRecord(), target == null ? Placement.LOCAL : placement(target));
    }
    Optional<AnnotationMirror> distributed = annotations.find(record, "Distributed");
    Optional<AnnotationMirror> reference = annotations.find(record, "Reference");
    boolean suppressed = suppressesFanOut(record);
    if (distributed.isPresent()) {
      AnnotationMirror m = distributed.get();
      if (reference.isPresent()) {
        diagnostics.error(record, reference.get(), Messages.distributedAndReference());
      }
      String by = annotations.string(m, "by");
      ColumnModel column = columns.get(by);
      if (column == null) {
        diagnostics.error(record, m, Annotations.explicitValue(m, "by"),
            Messages.unknownComponent("@Distributed(by)", by, columns.keySet()));
        return Optional.empty();
      }
      Optional<Colocation> colocation = Optional.ofNullable(annotations.type(m, "colocateWith"))
          .map(t -> new Colocation(t.getQualifiedName().toString(), tableName(t), placement(t)));
      return Optional.of(new DistributionModel(m, placement(record), Optional.of(column), colocation,
          Map.copyOf(targets), suppressed));
    }
    if (reference.isPresent()) {
      return Optional.of(new DistributionModel(reference.get(), new Placement(Kind.REFERENCE, "", "", ""),
          Optional.empty(), Optional.empty(), Map.copyOf(targets), suppressed));
    }
    if (targets.values().stream().anyMatch(p -> p.kind() != Kind.LOCAL)) {
      return Optional.of(new DistributionModel(null, Placement.LOCAL, Optional.empty(), Optional.empty(),
          Map.copyOf(targets), suppressed));
    }
    return Optional.empty();
  }

  /** Where {@code record} lives, read from its annotations (it may be in another compilation). */
  private Placement placement(TypeElement record) {
    if (annotations.find(record, "Reference").isPresent() && annotations.find(record, "Distributed").isEmpty()) {
      return new Placement(Kind.REFERENCE, "", "", "");
    }
    Optional<AnnotationMirror> distributed = annotations.find(record, "Distributed");
    if (distributed.isEmpty()) {
      return Placement.LOCAL;
    }
    String by = annotations.string(distributed.get(), "by");
    Optional<? extends RecordComponentElement> component = record.getRecordComponents().stream()
        .filter(rc -> rc.getSimpleName().contentEquals(by)).findFirst();
    String column = component.map(this::columnName).orElse("");
    String type = component.map(this::sqlType).orElse("");
    return new Placement(Kind.DISTRIBUTED, column, type, colocationGroup(record));
  }

  /**
   * The record at the end of the {@code colocateWith} chain, which names the colocation group.
   * A cycle (A with B, B with A) ends where it closes; Citus would refuse the first table.
   */
  private String colocationGroup(TypeElement record) {
    Set<String> seen = new HashSet<>();
    TypeElement current = record;
    while (seen.add(current.getQualifiedName().toString())) {
      Optional<AnnotationMirror> d = annotations.find(current, "Distributed");
      TypeElement next = d.map(m -> annotations.type(m, "colocateWith")).orElse(null);
      if (next == null || annotations.find(next, "Distributed").isEmpty()) {
        break;
      }
      current = next;
    }
    return current.getQualifiedName().toString();
  }

  private String tableName(TypeElement record) {
    return annotations.find(record, "Table").map(m -> annotations.string(m, "value")).filter(s -> !s.isEmpty())
        .orElse(Identifiers.snakeCase(record.getSimpleName().toString()));
  }

  private String columnName(RecordComponentElement component) {
    return annotations.find(component, "Column").map(m -> annotations.string(m, "value")).filter(s -> !s.isEmpty())
        .orElse(Identifiers.snakeCase(component.getSimpleName().toString()));
  }

  private String sqlType(RecordComponentElement component) {
    String override = annotations.find(component, "Column").map(m -> annotations.string(m, "type")).orElse("").trim();
    return override.isEmpty() ? Types.kindOf(component.asType()).map(ColumnKind::sqlType).orElse("") : override;
  }

  private static boolean suppressesFanOut(TypeElement record) {
    SuppressWarnings s = record.getAnnotation(SuppressWarnings.class);
    if (s == null) {
      return false;
    }
    for (String value : s.value()) {
      if (value.equals("QuarryDistributedFanOut") || value.equals("all")) {
        return true;
      }
    }
    return false;
  }
}
