package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.MaintenanceReport;
import dev.quarry.runtime.PartitionInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** manager = PG_PARTMAN against the pg_partman Debian ships (4.7.2), installed by .ci/setup. */
class PartmanTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  @BeforeAll
  static void install() {
    boolean available = (Boolean) pg.value("SELECT count(*) > 0 FROM pg_available_extensions WHERE name = 'pg_partman'");
    Assumptions.assumeTrue(available || System.getenv("CI") != null,
        "pg_partman is not installed on this server (apt-get install postgresql-15-partman, or bash .ci/setup)");
    pg.sql("CREATE SCHEMA IF NOT EXISTS partman");
    pg.sql("CREATE EXTENSION IF NOT EXISTS pg_partman SCHEMA partman");
    pg.apply(PartmanEventSchema.statements());
  }

  @AfterAll
  static void forget() {
    // Nothing to forget when install() skipped the class because pg_partman is absent.
    if ((Boolean) pg.value("SELECT to_regclass('partman.part_config') IS NULL")) {
      return;
    }
    pg.sql("DELETE FROM partman.part_config WHERE parent_table = '" + pg.schema() + ".pm_events'");
  }

  @Test
  void maintainRegistersTheTableOnceAndDelegatesMaintenance() {
    PartmanEventDao events = new PartmanEventDao(pg.db());
    MaintenanceReport first = events.partitions().maintain(Instant.now());
    assertTrue(first.created().size() >= 4, "current month and premake = 3 ahead: " + first.created());
    assertEquals(new MaintenanceReport(List.of(), List.of()), events.partitions().maintain(Instant.now()), "idempotent");

    List<PartitionInfo> partitions = events.partitions().list();
    assertTrue(partitions.stream().anyMatch(PartitionInfo::isDefault), "pg_partman 4.x always makes a DEFAULT");
    assertTrue(partitions.stream().filter(p -> !p.isDefault()).allMatch(p -> p.bound().startsWith("FOR VALUES FROM (")));

    events.insert(new PartmanEvent(1, Instant.now(), "signup"));
    assertEquals(1L, events.count());
    assertEquals("2 months", pg.value("SELECT retention FROM partman.part_config WHERE parent_table = '"
        + pg.schema() + ".pm_events'"));
    assertEquals(true, pg.value("SELECT infinite_time_partitions AND NOT retention_keep_table FROM partman.part_config"
        + " WHERE parent_table = '" + pg.schema() + ".pm_events'"));
  }
}
