package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Full-text search over text components: a stored generated {@code tsvector} column, a GIN
 * index, and {@code search(query, limit)} using {@code websearch_to_tsquery}, ranked.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FullText {
  /** Text components, most important first (the first is weighted highest). */
  String[] value();

  /** The text search configuration, such as {@code "english"} or {@code "simple"}. */
  String language() default "english";
}
