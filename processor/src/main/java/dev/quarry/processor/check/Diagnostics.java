package dev.quarry.processor.check;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.tools.Diagnostic.Kind;

/**
 * Reports diagnostics on the most precise element available (component, else annotation,
 * else annotation value) and remembers whether any error was reported, so the processor can
 * stop before generating code that would only add follow-on errors.
 */
public final class Diagnostics {
  private final Messager messager;
  private int errors;

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  public void error(Element element, String message) {
    errors++;
    messager.printMessage(Kind.ERROR, message, locate(element));
  }

  public void error(Element element, AnnotationMirror mirror, String message) {
    errors++;
    if (isComponent(element)) {
      messager.printMessage(Kind.ERROR, message, locate(element));
    } else if (mirror == null) {
      messager.printMessage(Kind.ERROR, message, element);
    } else {
      messager.printMessage(Kind.ERROR, message, element, mirror);
    }
  }

  public void error(Element element, AnnotationMirror mirror, AnnotationValue value, String message) {
    errors++;
    if (isComponent(element)) {
      messager.printMessage(Kind.ERROR, message, locate(element));
    } else if (mirror == null) {
      messager.printMessage(Kind.ERROR, message, element);
    } else if (value == null) {
      messager.printMessage(Kind.ERROR, message, element, mirror);
    } else {
      messager.printMessage(Kind.ERROR, message, element, mirror, value);
    }
  }

  public void warning(Element element, AnnotationMirror mirror, String message) {
    if (isComponent(element)) {
      messager.printMessage(Kind.WARNING, message, locate(element));
    } else if (mirror == null) {
      messager.printMessage(Kind.WARNING, message, element);
    } else {
      messager.printMessage(Kind.WARNING, message, element, mirror);
    }
  }

  /**
   * javac 17 cannot place a diagnostic on a record component (it reports it with no file), so
   * a component's diagnostic goes on the private field that backs it, which has the same source
   * position. The component's annotation mirrors are not on the field, so they are dropped.
   * Annotations that are repeated ({@code @Index}, {@code @UniqueKey}) sit in a container javac
   * synthesized, which has no source either: their diagnostics land on the record.
   */
  private static Element locate(Element element) {
    if (isComponent(element)) {
      for (Element member : element.getEnclosingElement().getEnclosedElements()) {
        if (member.getKind() == ElementKind.FIELD && member.getSimpleName().equals(element.getSimpleName())) {
          return member;
        }
      }
    }
    return element;
  }

  private static boolean isComponent(Element element) {
    return element.getKind() == ElementKind.RECORD_COMPONENT;
  }

  /** The number of errors reported so far; compare before and after a record. */
  public int errorCount() {
    return errors;
  }
}
