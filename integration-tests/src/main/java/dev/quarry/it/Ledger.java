package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;

/** Integer RANGE partitions by id, a million ids each. */
@Table("ledger")
@Partitioned(by = "id", step = 1_000_000, premake = 2, retain = 1)
public record Ledger(@Id long id, String entry) {}
