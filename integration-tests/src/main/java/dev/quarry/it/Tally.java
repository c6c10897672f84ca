package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;

/** Integer RANGE partitions of 100 keys, one kept behind, with a DEFAULT for keys outside them. */
@Table("tallies")
@Partitioned(by = "id", step = 100, premake = 1, retain = 1, defaultPartition = true)
public record Tally(@Id long id, String label) {}
