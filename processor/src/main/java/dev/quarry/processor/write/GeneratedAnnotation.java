package dev.quarry.processor.write;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.RequiresDirective;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Whether generated code may carry {@code @javax.annotation.processing.Generated}. The type must
 * exist for the compilation, and when the record lives in a named module, that module must read
 * {@code java.compiler} (by {@code requires}, or through a {@code requires transitive} chain such
 * as {@code requires java.se}); otherwise javac rejects the import with "package
 * javax.annotation.processing is not visible". Such code simply goes without the annotation, as
 * with Dagger and AutoValue.
 */
final class GeneratedAnnotation {
  static final String NAME = "javax.annotation.processing.Generated";

  private GeneratedAnnotation() {}

  static boolean visibleFrom(Elements elements, Element origin) {
    TypeElement generated = elements.getTypeElement(NAME);
    if (generated == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(origin);
    if (module == null || module.isUnnamed()) {
      return true; // the class path reads every module
    }
    ModuleElement target = elements.getModuleOf(generated);
    for (RequiresDirective r : ElementFilter.requiresIn(module.getDirectives())) {
      if (implies(r.getDependency(), target, new HashSet<>())) {
        return true;
      }
    }
    return false;
  }

  /** Whether reading {@code module} means reading {@code target}: it is the target, or requires it transitively. */
  private static boolean implies(ModuleElement module, ModuleElement target, Set<ModuleElement> seen) {
    if (module.equals(target)) {
      return true;
    }
    if (!seen.add(module)) {
      return false;
    }
    for (RequiresDirective r : ElementFilter.requiresIn(module.getDirectives())) {
      if (r.isTransitive() && implies(r.getDependency(), target, seen)) {
        return true;
      }
    }
    return false;
  }
}
