package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A single-column unique key. The DAO gains {@code findByX}, {@code existsByX} and
 * {@code upsertByX}; under {@link SoftDelete} the key is a partial unique index over live rows,
 * so a deleted value can be used again.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Unique {}
