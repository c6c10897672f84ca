/**
 * The annotations Quarry reads. Annotate a record with {@link dev.quarry.Table} and at least
 * one {@link dev.quarry.Id}; the processor writes its schema and DAO at compile time.
 *
 * <p>Keys and constraints: {@link dev.quarry.Id}, {@link dev.quarry.Unique},
 * {@link dev.quarry.UniqueKey}, {@link dev.quarry.ForeignKey}, {@link dev.quarry.Check}.
 * Indexes: {@link dev.quarry.Index}. Behaviour: {@link dev.quarry.Timestamps},
 * {@link dev.quarry.SoftDelete}, {@link dev.quarry.Version}, {@link dev.quarry.KeysetPaged},
 * {@link dev.quarry.FullText}, {@link dev.quarry.Partitioned}. Custom SQL:
 * {@link dev.quarry.Queries}, {@link dev.quarry.Sql}.
 */
package dev.quarry;
