/**
 * The PostgreSQL that checks {@code @Sql} statements at compile time: one started from the
 * binaries of the {@code io.zonky.test.postgres} artifacts on the processor path, or the
 * database {@code -Aquarry.verify.url} names, with a schema of the compilation's own tables.
 * The checks themselves live in {@code check/SqlChecker}.
 */
package dev.quarry.processor.verify;
