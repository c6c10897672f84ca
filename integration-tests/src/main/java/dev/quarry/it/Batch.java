package dev.quarry.it;

import dev.quarry.Check;
import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;

/** A partitioned parent that others reference: its only key column is its partition key. */
@Table("batches")
@Partitioned(by = "id", step = 1_000, premake = 2)
public record Batch(@Id long id, @Check("btrim(label) <> ''") String label) {}
