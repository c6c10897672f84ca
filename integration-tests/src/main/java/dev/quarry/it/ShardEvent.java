package dev.quarry.it;

import dev.quarry.Distributed;
import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Citus: a time series per tenant, distributed by tenant and partitioned by day. */
@Table("shard_events")
@Distributed(by = "tenantId", colocateWith = ShardTenant.class)
@Partitioned(by = "at", interval = Partitioned.Interval.DAILY, premake = 2, retain = 3)
@SuppressWarnings("QuarryDistributedFanOut") // findByAtBetween over all tenants fans out, on purpose
public record ShardEvent(@Id long tenantId, @Id long id, @Id Instant at, String kind) {}
