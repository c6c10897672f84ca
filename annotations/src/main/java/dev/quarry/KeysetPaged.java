package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keyset (seek) pagination over the named components, which must end with the primary key so
 * the order is total. The DAO gains {@code firstSlice}, {@code sliceAfter} and
 * {@code sliceBefore}, and the schema gains the matching index.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface KeysetPaged {
  /** Component names, most significant first. */
  String[] value();

  /** Whether the order is descending (newest first) rather than ascending. */
  boolean descending() default true;
}
