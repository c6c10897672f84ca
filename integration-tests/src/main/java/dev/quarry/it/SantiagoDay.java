package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Daily partitions in a zone whose clocks skip midnight (2026-09-06) and repeat an hour before it (2026-04-05). */
@Table("santiago_days")
@Partitioned(by = "at", interval = Partitioned.Interval.DAILY, zone = "America/Santiago", premake = 2)
public record SantiagoDay(@Id long id, @Id Instant at) {}
