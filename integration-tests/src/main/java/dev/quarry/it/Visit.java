package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/** Daily partitions, two ahead and two behind: the window maintenance must keep whole. */
@Table("visits")
@Partitioned(by = "at", interval = Partitioned.Interval.DAILY, premake = 2, retain = 2)
public record Visit(@Id long id, @Id Instant at) {}
