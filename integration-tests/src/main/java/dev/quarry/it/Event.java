package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Monthly RANGE partitions, four ahead, three kept behind: the chapter's events table. */
@Table("events")
@Partitioned(by = "occurredAt", interval = Partitioned.Interval.MONTHLY, premake = 4, retain = 3)
@Index({"userId", "occurredAt"})
public record Event(@Id long id, @Id Instant occurredAt, long userId, @Column(type = "jsonb") @Nullable String payload) {}
