package dev.quarry.processor.read;

import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.model.ArrayModel;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.EnumTypeModel;
import dev.quarry.processor.sql.Identifiers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Decides how a component's Java type and its {@code @Column(type)} are stored: a scalar, an
 * array of scalars, a JSON document, or an enum as a PostgreSQL enum type. Reports the types it
 * cannot map, naming the component and the fix.
 */
final class ColumnTypes {
  /** Types that hold an enum's name as text; any other type on an enum names an enum type. */
  private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "character varying", "char", "character",
      "bpchar", "citext", "name");
  private static final Set<String> JSON_TYPES = Set.of("jsonb", "json");
  /** An unquoted name, optionally schema-qualified, as an enum type name must be. */
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

  /**
   * How one component is stored.
   *
   * @param kind the column's kind
   * @param sqlType the column's SQL type
   * @param cast whether values are bound with an explicit cast to {@code sqlType}
   * @param array the elements, for an array column
   * @param enumType the PostgreSQL enum type of the enum values, if any
   */
  record Resolved(ColumnKind kind, String sqlType, boolean cast, Optional<ArrayModel> array,
      Optional<EnumTypeModel> enumType) {}

  private final Diagnostics diagnostics;

  ColumnTypes(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The mapping of {@code component} with the {@code @Column(type)} given ({@code ""} if none), or empty after an error. */
  Optional<Resolved> resolve(Element component, String typeOverride) {
    return resolve(component, component.asType(), typeOverride);
  }

  /** The mapping of {@code type}, declared by {@code component} (a record component, parameter or method). */
  Optional<Resolved> resolve(Element component, TypeMirror type, String typeOverride) {
    String name = component.getSimpleName().toString();
    String base = baseType(typeOverride);
    Optional<ColumnKind> scalar = Types.kindOf(type);
    if (scalar.isPresent()) {
      return scalar(component, scalar.get(), type, typeOverride);
    }
    if (JSON_TYPES.contains(base)) {
      return Optional.of(new Resolved(ColumnKind.JSON, typeOverride, true, Optional.empty(), Optional.empty()));
    }
    if (!Types.isArrayLike(type)) {
      diagnostics.error(component, Messages.unsupportedType(name, type.toString()));
      return Optional.empty();
    }
    Optional<TypeMirror> element = Types.elementOf(type);
    Optional<ColumnKind> kind = element.flatMap(Types::kindOf);
    if (kind.isEmpty() || kind.get() == ColumnKind.BYTES) {
      diagnostics.error(component, Messages.unsupportedElementType(name, type.toString(),
          element.map(TypeMirror::toString).orElse("?")));
      return Optional.empty();
    }
    ArrayModel array = new ArrayModel(kind.get(), element.get(), elementNullable(component, element.get()),
        !(type instanceof ArrayType));
    String elementOverride = typeOverride.endsWith("[]")
        ? typeOverride.substring(0, typeOverride.length() - 2).trim() : typeOverride;
    Optional<Resolved> elements = scalar(component, kind.get(), element.get(), elementOverride);
    return elements.map(e -> new Resolved(ColumnKind.ARRAY, e.sqlType() + "[]", e.cast(), Optional.of(array),
        e.enumType()));
  }

  /** A scalar, or the elements of an array: an enum with a non-text type names a PostgreSQL enum type. */
  private Optional<Resolved> scalar(Element component, ColumnKind kind, TypeMirror type, String typeOverride) {
    if (typeOverride.isEmpty()) {
      return Optional.of(new Resolved(kind, kind.sqlType(), false, Optional.empty(), Optional.empty()));
    }
    String base = baseType(typeOverride);
    if (kind != ColumnKind.ENUM || TEXT_TYPES.contains(base) || JSON_TYPES.contains(base)) {
      return Optional.of(new Resolved(kind, typeOverride, true, Optional.empty(), Optional.empty()));
    }
    if (!TYPE_NAME.matcher(typeOverride).matches()) {
      diagnostics.error(component, Messages.enumTypeName(component.getSimpleName().toString(), typeOverride));
      return Optional.empty();
    }
    String typeName = typeOverride.toLowerCase(Locale.ROOT);
    List<String> labels = ((DeclaredType) type).asElement().getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT).map(e -> e.getSimpleName().toString()).toList();
    EnumTypeModel enumType = new EnumTypeModel(typeName, labels);
    return Optional.of(new Resolved(kind, Identifiers.qualified(enumType.schema(), enumType.simpleName()), true,
        Optional.empty(), Optional.of(enumType)));
  }

  /**
   * Elements are nullable when the element type carries a type-use {@code @Nullable}:
   * {@code List<@Nullable String>} or {@code @Nullable String[]} (JSpecify's reading).
   */
  private static boolean elementNullable(Element component, TypeMirror element) {
    if (Annotations.hasSimpleName(element.getAnnotationMirrors(), "Nullable")) {
      return true;
    }
    if (!(component instanceof RecordComponentElement rc) || rc.getAccessor() == null) {
      return false;
    }
    return Types.elementOf(rc.getAccessor().getReturnType())
        .map(e -> Annotations.hasSimpleName(e.getAnnotationMirrors(), "Nullable")).orElse(false);
  }

  /** {@code varchar(64)} to {@code varchar}, {@code JSONB} to {@code jsonb}. */
  static String baseType(String sqlType) {
    int paren = sqlType.indexOf('(');
    return (paren < 0 ? sqlType : sqlType.substring(0, paren)).trim().toLowerCase(Locale.ROOT);
  }
}
