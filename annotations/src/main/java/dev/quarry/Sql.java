package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One custom statement with {@code :name} parameters, each matching a method parameter; a
 * {@code Collection} parameter binds as an array ({@code = ANY(:ids)}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Sql {
  /** The SQL text. */
  String value();
}
