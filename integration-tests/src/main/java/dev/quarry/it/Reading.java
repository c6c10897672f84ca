package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Daily RANGE partitions with a DEFAULT that catches early and late rows. */
@Table("readings")
@Partitioned(by = "takenAt", interval = Partitioned.Interval.DAILY, premake = 2, defaultPartition = true, zone = "Europe/Berlin")
public record Reading(@Id long sensor, @Id Instant takenAt, double value) {}
