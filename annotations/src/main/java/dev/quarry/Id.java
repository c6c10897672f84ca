package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a component part of the primary key. Several {@code @Id} components form a composite
 * key, in declaration order; the DAO's key-taking methods ({@code findById}, {@code delete} ...)
 * then take one parameter per key component.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Id {}
