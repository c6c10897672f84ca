package dev.quarry.example;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/**
 * An audit event, partitioned by month: four months kept ready ahead, twelve kept behind, older
 * ones dropped in an instant instead of deleted for hours.
 */
@Table("events")
@Partitioned(by = "occurredAt", interval = Partitioned.Interval.MONTHLY, premake = 4, retain = 12)
public record Event(@Id long id, @Id Instant occurredAt, long ownerId, String kind) {}
