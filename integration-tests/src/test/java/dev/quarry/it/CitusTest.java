package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Explain;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.MaintenanceReport;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code @Distributed}/{@code @Reference} records on a real Citus cluster: set
 * {@code QUARRY_CITUS_URL} to a coordinator's JDBC URL (a superuser, Citus 12 or later, at
 * least two workers added) to run it; skipped otherwise. See README, "When one server is not
 * enough".
 */
@EnabledIfEnvironmentVariable(named = "QUARRY_CITUS_URL", matches = ".+")
class CitusTest {
  @RegisterExtension static final PgSchema pg = new PgSchema(() -> System.getenv("QUARRY_CITUS_URL"));

  @BeforeAll
  static void apply() {
    pg.apply(CitusSchemaTest.statements());
    pg.apply(CitusSchemaTest.statements()); // a second apply is a no-op
  }

  @Test
  void tablesAreDistributedColocatedOrReplicated() {
    Map<String, String> method = new HashMap<>();
    Map<String, Long> colocation = new HashMap<>();
    pg.db().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT logicalrelid::regclass::text, partmethod::text, colocationid "
          + "FROM pg_dist_partition WHERE logicalrelid::regclass::text LIKE 'shard\\_%'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          method.put(rs.getString(1), rs.getString(2));
          colocation.put(rs.getString(1), rs.getLong(3));
        }
      }
      return null;
    });
    assertEquals("h", method.get("shard_tenants"), method.toString());
    assertEquals("h", method.get("shard_projects"));
    assertEquals("h", method.get("shard_events"));
    assertEquals("n", method.get("shard_countries"), "a reference table");
    assertEquals(colocation.get("shard_tenants"), colocation.get("shard_projects"));
    assertEquals(colocation.get("shard_tenants"), colocation.get("shard_events"));
  }

  @Test
  void rowsSpreadOverWorkersAndEveryWritePathWorks() {
    ShardTenantDao tenants = new ShardTenantDao(pg.db());
    ShardProjectDao projects = new ShardProjectDao(pg.db());
    new ShardCountryDao(pg.db()).upsert(new ShardCountry("CL", "Chile"));
    new ShardCountryDao(pg.db()).upsert(new ShardCountry("AR", "Argentina"));
    List<ShardTenant> many = LongStream.rangeClosed(1000, 1099).mapToObj(i -> new ShardTenant(i, "t" + i)).toList();
    assertEquals(100, tenants.insertAll(many));
    assertTrue(workersHolding(many.stream().map(ShardTenant::id).toList()) >= 2, "rows on more than one worker");

    projects.insert(new ShardProject(1000, 1, "alpha", "CL"));
    projects.upsertByTenantIdAndSlug(new ShardProject(1000, 1, "alpha", "AR"));
    assertEquals(2, projects.insertAllReturning(List.of(new ShardProject(1001, 1, "a", "CL"), new ShardProject(1002, 1, "a", "CL"))).size());
    assertEquals(2, projects.upsertAllByTenantIdAndSlug(List.of(new ShardProject(1001, 1, "a", "AR"), new ShardProject(1003, 1, "b", "CL"))));
    assertEquals(List.of(new ShardProject(1000, 1, "alpha", "AR")), projects.findByTenantId(1000));
    assertEquals(4, projects.findByTenantIdIn(List.of(1000L, 1001L, 1002L, 1003L)).values().stream().mapToInt(List::size).sum());
    assertTrue(projects.update(new ShardProject(1002, 1, "renamed", "CL")).isPresent());
    assertThrows(ForeignKeyViolationException.class, () -> projects.insert(new ShardProject(1004, 1, "x", "ZZ")));
    assertThrows(ForeignKeyViolationException.class, () -> projects.insert(new ShardProject(999_999, 1, "x", "CL")));
    assertTrue(tenants.delete(1003));
    assertEquals(List.of(), projects.findByTenantId(1003), "ON DELETE CASCADE within the colocated shard");
  }

  @Test
  void findersByTheDistributionColumnRouteToOneShard() {
    assertEquals(1, Explain.shardsTouched(pg.db(), ShardProjectDao.FIND_BY_TENANT_ID, 1000L));
    assertEquals(1, Explain.shardsTouched(pg.db(), ShardProjectDao.FIND_BY_ID, 1000L, 1L));
    assertTrue(Explain.shardsTouched(pg.db(), ShardProjectDao.FIND_BY_COUNTRY, "CL") > 1, "a fan-out read");
    assertEquals(0, Explain.shardsTouched(pg.db(), "SELECT 1"));
  }

  @Test
  void partitionsOfTheDistributedTimeSeriesAreMaintained() {
    ShardEventDao events = new ShardEventDao(pg.db());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MaintenanceReport first = events.partitions().maintain(now);
    assertTrue(first.created().size() >= 3, first.toString());
    events.insertAll(List.of(new ShardEvent(1000, 1, now, "login"), new ShardEvent(1001, 2, now, "login")));
    assertEquals(2, events.findByAtBetween(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(1))).size());
    long distributedPartitions = (Long) pg.value("SELECT count(*) FROM pg_dist_partition "
        + "WHERE logicalrelid::regclass::text LIKE 'shard\\_events\\_p%'");
    assertEquals(events.partitions().list().stream().filter(p -> !p.isDefault()).count(), distributedPartitions,
        "every partition is a distributed table colocated with its parent");
    MaintenanceReport later = events.partitions().maintain(now.plus(Duration.ofDays(10)));
    assertTrue(!later.dropped().isEmpty() && !later.created().isEmpty(), later.toString());
  }

  /** How many worker groups hold the shards of these tenant ids. */
  private static long workersHolding(List<Long> ids) {
    return pg.db().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT p.groupid) FROM unnest(?::bigint[]) AS t(id) "
          + "JOIN pg_dist_placement p ON p.shardid = get_shard_id_for_distribution_column('shard_tenants', t.id)")) {
        Array array = c.createArrayOf("int8", new ArrayList<>(ids).toArray());
        ps.setArray(1, array);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
