package dev.quarry.processor.check;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
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
    messager.printMessage(Kind.ERROR, message, element);
  }

  public void error(Element element, AnnotationMirror mirror, String message) {
    errors++;
    if (mirror == null) {
      messager.printMessage(Kind.ERROR, message, element);
    } else {
      messager.printMessage(Kind.ERROR, message, element, mirror);
    }
  }

  public void error(Element element, AnnotationMirror mirror, AnnotationValue value, String message) {
    errors++;
    if (mirror == null) {
      messager.printMessage(Kind.ERROR, message, element);
    } else if (value == null) {
      messager.printMessage(Kind.ERROR, message, element, mirror);
    } else {
      messager.printMessage(Kind.ERROR, message, element, mirror, value);
    }
  }

  public void warning(Element element, AnnotationMirror mirror, String message) {
    if (mirror == null) {
      messager.printMessage(Kind.WARNING, message, element);
    } else {
      messager.printMessage(Kind.WARNING, message, element, mirror);
    }
  }

  /** The number of errors reported so far; compare before and after a record. */
  public int errorCount() {
    return errors;
  }
}
