package dev.quarry.it;

import dev.quarry.Distributed;
import dev.quarry.Id;
import dev.quarry.Table;

/** Citus: the tenants table, distributed by its key; the other shard_* tables live with it. */
@Table("shard_tenants")
@Distributed(by = "id")
public record ShardTenant(@Id long id, String name) {}
