package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Reference;
import dev.quarry.Table;

/** Citus: a small lookup table copied to every node. */
@Table("shard_countries")
@Reference
public record ShardCountry(@Id String code, String name) {}
