package dev.quarry.processor.read;

import dev.quarry.processor.model.ColumnKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps a component's Java type to a {@link ColumnKind}, or to nothing when unsupported. */
final class Types {
  private static final Map<String, ColumnKind> DECLARED = Map.ofEntries(
      Map.entry("java.lang.Boolean", ColumnKind.BOOLEAN),
      Map.entry("java.lang.Short", ColumnKind.SHORT),
      Map.entry("java.lang.Integer", ColumnKind.INT),
      Map.entry("java.lang.Long", ColumnKind.LONG),
      Map.entry("java.lang.Float", ColumnKind.FLOAT),
      Map.entry("java.lang.Double", ColumnKind.DOUBLE),
      Map.entry("java.math.BigDecimal", ColumnKind.BIG_DECIMAL),
      Map.entry("java.lang.String", ColumnKind.STRING),
      Map.entry("java.util.UUID", ColumnKind.UUID),
      Map.entry("java.time.Instant", ColumnKind.INSTANT),
      Map.entry("java.time.OffsetDateTime", ColumnKind.OFFSET_DATE_TIME),
      Map.entry("java.time.LocalDateTime", ColumnKind.LOCAL_DATE_TIME),
      Map.entry("java.time.LocalDate", ColumnKind.LOCAL_DATE),
      Map.entry("java.time.LocalTime", ColumnKind.LOCAL_TIME),
      Map.entry("java.time.Duration", ColumnKind.DURATION));

  private Types() {}

  static Optional<ColumnKind> kindOf(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return Optional.of(ColumnKind.BOOLEAN);
      case SHORT:
        return Optional.of(ColumnKind.SHORT);
      case INT:
        return Optional.of(ColumnKind.INT);
      case LONG:
        return Optional.of(ColumnKind.LONG);
      case FLOAT:
        return Optional.of(ColumnKind.FLOAT);
      case DOUBLE:
        return Optional.of(ColumnKind.DOUBLE);
      case ARRAY:
        return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE
            ? Optional.of(ColumnKind.BYTES) : Optional.empty();
      case DECLARED:
        DeclaredType d = (DeclaredType) type;
        if (d.asElement().getKind() == ElementKind.ENUM) {
          return Optional.of(ColumnKind.ENUM);
        }
        return Optional.ofNullable(DECLARED.get(Annotations.qualifiedName(type)));
      default:
        return Optional.empty();
    }
  }

  /**
   * Whether the type holds many values as one column: {@code List<...>} or a Java array other
   * than {@code byte[]} (which is {@code bytea}).
   */
  static boolean isArrayLike(TypeMirror type) {
    if (type instanceof ArrayType a) {
      return a.getComponentType().getKind() != TypeKind.BYTE;
    }
    return "java.util.List".equals(Annotations.qualifiedName(type));
  }

  /**
   * The element type of an {@link #isArrayLike array-like} type: {@code T} of {@code List<T>} or
   * {@code T[]}; empty for a raw {@code List} or a wildcard, which name no element type.
   */
  static Optional<TypeMirror> elementOf(TypeMirror type) {
    if (type instanceof ArrayType a) {
      return Optional.of(a.getComponentType());
    }
    List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
    if (args.size() != 1 || args.get(0).getKind() == TypeKind.WILDCARD) {
      return Optional.empty();
    }
    return Optional.of(args.get(0));
  }

  /** Whether the type, or a type it is built from, is not known yet (generated later). */
  static boolean isMissing(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof ArrayType a) {
      return isMissing(a.getComponentType());
    }
    if (type instanceof DeclaredType d) {
      for (TypeMirror arg : d.getTypeArguments()) {
        if (isMissing(arg)) {
          return true;
        }
      }
    }
    return false;
  }
}
