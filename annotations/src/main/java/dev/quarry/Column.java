package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides a component's column name and/or SQL type.
 *
 * <p>{@code @Column(type = "jsonb") String payload} stores a JSON document: values are bound
 * with an explicit cast, so PostgreSQL parses and validates them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {
  /** The column name; {@code ""} means the snake_case form of the component name. */
  String value() default "";

  /** The SQL type; {@code ""} means the default for the component's Java type. */
  String type() default "";
}
