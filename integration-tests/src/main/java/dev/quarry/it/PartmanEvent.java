package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Monthly partitions maintained by pg_partman. */
@Table("pm_events")
@Partitioned(by = "occurredAt", premake = 3, retain = 2, manager = Partitioned.Manager.PG_PARTMAN)
public record PartmanEvent(@Id long id, @Id Instant occurredAt, String kind) {}
