package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pg_partman statements as text: the 5.x forms cannot run here, where Debian ships 4.7.2. */
class PartmanTest {
  static PartitionSpec spec(String interval, int retain, boolean defaultPartition) {
    return new PartitionSpec("events", "events", "occurred_at", "timestamptz", "RANGE", interval, 0, 4, retain, "UTC",
        defaultPartition, "PG_PARTMAN", List.of("id", "occurred_at"));
  }

  @Test
  void createParentIn5xFormUsesRangeAndTheDefaultTableFlag() {
    assertEquals("SELECT \"partman\".create_parent(p_parent_table => 'public.events', p_control => 'occurred_at', "
            + "p_type => 'range', p_interval => '1 month', p_premake => 4, p_start_partition => '2026-11-01 00:00:00+00:00', "
            + "p_default_table => false, p_jobmon => false)",
        Partman.createParent(new Partman.Installed(5, "partman"), "public.events", spec("MONTHLY", 0, false),
            "2026-11-01 00:00:00+00:00"));
  }

  @Test
  void createParentIn4xFormUsesNativeAndNoDefaultTableFlag() {
    assertEquals("SELECT \"partman\".create_parent(p_parent_table => 'public.events', p_control => 'occurred_at', "
            + "p_type => 'native', p_interval => '1 week', p_premake => 4, p_start_partition => '2026-11-16 00:00:00+00:00', "
            + "p_date_trunc_interval => 'week', p_jobmon => false)",
        Partman.createParent(new Partman.Installed(4, "partman"), "public.events", spec("WEEKLY", 0, true),
            "2026-11-16 00:00:00+00:00"));
  }

  @Test
  void configureDropsRatherThanDetachesAndCountsPremakeFromNow() {
    assertEquals("UPDATE \"partman\".part_config SET retention = '9 months', retention_keep_table = false, "
            + "retention_keep_index = false, infinite_time_partitions = true WHERE parent_table = 'public.events'",
        Partman.configure(new Partman.Installed(5, "partman"), "public.events", spec("QUARTERLY", 3, false)));
  }
}
