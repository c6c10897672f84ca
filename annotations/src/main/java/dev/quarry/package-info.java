/**
 * The annotations Quarry reads. Annotate a record with {@link dev.quarry.Table} and at least
 * one {@link dev.quarry.Id}; the processor writes its schema and DAO at compile time.
 */
package dev.quarry;
