package dev.quarry.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads annotations through their mirrors, never through reflection: values of type
 * {@code Class} would throw {@code MirroredTypeException}, and the processor must not need the
 * annotation classes on its own class path.
 */
public final class Annotations {
  public static final String PACKAGE = "dev.quarry.";

  private final Elements elements;

  public Annotations(Elements elements) {
    this.elements = elements;
  }

  /** The annotation {@code dev.quarry.<simpleName>} on {@code e}, if present. */
  public Optional<AnnotationMirror> find(Element e, String simpleName) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (qualifiedName(m).equals(PACKAGE + simpleName)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Every {@code dev.quarry.<simpleName>} on {@code e}, whether repeated directly or in its container. */
  public List<AnnotationMirror> findAll(Element e, String simpleName) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      String name = qualifiedName(m);
      if (name.equals(PACKAGE + simpleName)) {
        found.add(m);
      } else if (name.equals(PACKAGE + simpleName + ".List")) {
        for (AnnotationValue v : list(value(m, "value"))) {
          found.add((AnnotationMirror) v.getValue());
        }
      }
    }
    return found;
  }

  /** Whether {@code e} or its type carries an annotation whose simple name is {@code simpleName}. */
  public static boolean hasSimpleName(List<? extends AnnotationMirror> mirrors, String simpleName) {
    for (AnnotationMirror m : mirrors) {
      if (m.getAnnotationType().asElement().getSimpleName().contentEquals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code name}, its default when not given. */
  public AnnotationValue value(AnnotationMirror m, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(m).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("no attribute " + name + " on " + m);
  }

  /** The value of {@code name} only when the source spells it out, for precise diagnostics. */
  public static AnnotationValue explicitValue(AnnotationMirror m, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  public String string(AnnotationMirror m, String name) {
    return (String) value(m, name).getValue();
  }

  public boolean bool(AnnotationMirror m, String name) {
    return (Boolean) value(m, name).getValue();
  }

  public int integer(AnnotationMirror m, String name) {
    return ((Number) value(m, name).getValue()).intValue();
  }

  public long longValue(AnnotationMirror m, String name) {
    return ((Number) value(m, name).getValue()).longValue();
  }

  /** A {@code String[]} attribute. */
  public List<String> strings(AnnotationMirror m, String name) {
    List<String> values = new ArrayList<>();
    for (AnnotationValue v : list(value(m, name))) {
      values.add((String) v.getValue());
    }
    return values;
  }

  /** An enum attribute's constant name. */
  public String enumName(AnnotationMirror m, String name) {
    return ((VariableElement) value(m, name).getValue()).getSimpleName().toString();
  }

  /** A {@code Class<?>} attribute as the type it names. */
  public TypeElement type(AnnotationMirror m, String name) {
    Object v = value(m, name).getValue();
    return v instanceof DeclaredType d ? (TypeElement) d.asElement() : null;
  }

  /** An annotation-array attribute. */
  public List<AnnotationMirror> annotations(AnnotationMirror m, String name) {
    List<AnnotationMirror> values = new ArrayList<>();
    for (AnnotationValue v : list(value(m, name))) {
      values.add((AnnotationMirror) v.getValue());
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static List<? extends AnnotationValue> list(AnnotationValue v) {
    return (List<? extends AnnotationValue>) v.getValue();
  }

  private static String qualifiedName(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** The qualified name of a declared type, ignoring type annotations; {@code null} otherwise. */
  public static String qualifiedName(TypeMirror t) {
    return t instanceof DeclaredType d ? ((TypeElement) d.asElement()).getQualifiedName().toString() : null;
  }
}
