package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Deleting sets a timestamp instead of removing the row.
 *
 * <p>Every generated read filters deleted rows; {@code restore}, {@code purge} and
 * {@code includingDeleted()} are added; unique keys become partial unique indexes over live rows.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SoftDelete {
  /** The nullable timestamp component that marks a row as deleted. */
  String value() default "deletedAt";
}
