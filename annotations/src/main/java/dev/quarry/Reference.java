package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The table is a Citus reference table: one copy on every node, so distributed tables can
 * join it and hold foreign keys to it locally. Use it for small tables that many shards read
 * (countries, currencies, plans).
 *
 * <p>{@code XSchema.statements()} ends with {@code create_reference_table(table)}, guarded so
 * that applying the schema again is a no-op. A reference table cannot hold a foreign key to a
 * {@link Distributed} table (Citus refuses it); the processor reports it at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Reference {}
