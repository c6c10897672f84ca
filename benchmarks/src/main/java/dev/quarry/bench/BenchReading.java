package dev.quarry.bench;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Monthly partitioned readings; the plain twin for comparison is created by hand in the benchmark. */
@Table("bench_readings")
@Partitioned(by = "takenAt", premake = 1)
public record BenchReading(@Id long id, @Id Instant takenAt, long sensor, double value) {}
