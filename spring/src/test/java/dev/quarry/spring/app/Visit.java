package dev.quarry.spring.app;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Monthly partitions, two ahead, so start-up maintenance has something to create. */
@Table("visits")
@Partitioned(by = "at", interval = Partitioned.Interval.MONTHLY, premake = 2, retain = 2)
public record Visit(@Id long id, @Id Instant at, String path) {}
