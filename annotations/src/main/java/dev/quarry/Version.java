package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optimistic locking on a {@code long} or {@code int} component: {@code update} and
 * {@code delete(record)} succeed only while the stored version equals the record's, and bump
 * it; otherwise they throw {@code OptimisticLockException}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Version {}
