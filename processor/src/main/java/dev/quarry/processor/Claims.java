package dev.quarry.processor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Which annotations Quarry claims, so that {@code -Xlint:processing} (part of {@code -Xlint:all})
 * does not report them as "claimed by no processor" and fail {@code -Werror} builds: every
 * annotation type of the package {@code dev.quarry} (nested ones such as {@code Index.List}
 * included), and the {@code @Generated} on the sources Quarry itself wrote. Never anyone
 * else's: a round that holds a {@code @Generated} of another tool's code is not claimed at all,
 * so other processors still see it.
 */
final class Claims {
  static final String PACKAGE = "dev.quarry";
  static final String GENERATED = "javax.annotation.processing.Generated";

  private Claims() {}

  /** The supported annotation types: read from the package when it is there, else the two roots. */
  static Set<String> supported(Elements elements, String... roots) {
    Set<String> names = new LinkedHashSet<>(List.of(roots));
    PackageElement p = elements == null ? null : elements.getPackageElement(PACKAGE);
    if (p != null) {
      addAnnotationTypes(p.getEnclosedElements(), names);
    }
    names.add(GENERATED);
    return names;
  }

  private static void addAnnotationTypes(List<? extends Element> elements, Set<String> names) {
    for (Element e : elements) {
      if (e.getKind() == ElementKind.ANNOTATION_TYPE) {
        names.add(((TypeElement) e).getQualifiedName().toString());
      }
      if (e instanceof TypeElement) {
        addAnnotationTypes(e.getEnclosedElements(), names);
      }
    }
  }

  /**
   * Whether to claim this round's annotations: yes, unless one of them is {@code @Generated} on a
   * type some other tool wrote.
   */
  static boolean claim(Set<? extends TypeElement> annotations, RoundEnvironment round, String processor) {
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(GENERATED)) {
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
          if (!generatedBy(e, annotation, processor)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean generatedBy(Element e, TypeElement generated, String processor) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (m.getAnnotationType().asElement().equals(generated)) {
        for (var entry : m.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals("value")
              && entry.getValue().getValue() instanceof List<?> values) {
            return values.stream().anyMatch(v -> processor.equals(((AnnotationValue) v).getValue()));
          }
        }
      }
    }
    return false;
  }
}
