package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code @Distributed}/{@code @Reference} records on PostgreSQL without Citus: their
 * schema applies (the tables stay ordinary ones) and their DAOs work, so the same records serve
 * development on one server. {@link CitusTest} runs them on a real Citus cluster.
 */
class CitusSchemaTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  /** Every shard_* statement, referenced tables first. */
  static List<String> statements() {
    List<String> all = new ArrayList<>();
    all.addAll(ShardTenantSchema.statements());
    all.addAll(ShardCountrySchema.statements());
    all.addAll(ShardProjectSchema.statements());
    all.addAll(ShardEventSchema.statements());
    return all;
  }

  @BeforeAll
  static void apply() {
    pg.apply(statements());
    pg.apply(statements()); // idempotent
  }

  @Test
  void placementStatementsComeLastAndColocate() {
    List<String> project = ShardProjectSchema.statements();
    int place = indexOf(project, "create_distributed_table('shard_projects', 'tenant_id', colocate_with => 'shard_tenants')");
    int fk = indexOf(project, "ADD CONSTRAINT shard_projects_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES shard_tenants (id) ON DELETE CASCADE");
    assertTrue(place > 0 && fk > place, project.toString());
    assertTrue(project.get(0).startsWith("CREATE TABLE") && !project.get(0).contains("FOREIGN KEY"), project.get(0));
    assertTrue(indexOf(ShardCountrySchema.statements(), "create_reference_table('shard_countries')") > 0);
    assertTrue(indexOf(ShardEventSchema.statements(), "create_distributed_table('shard_events', 'tenant_id', colocate_with => 'shard_tenants')") > 0);
  }

  /**
   * Bulk upserts into Citus tables keep {@code ON CONFLICT}: which {@code MERGE} statements Citus
   * plans depends on its version and on the source's placement. Every other table merges.
   */
  @Test
  void citusTablesUpsertInBulkWithOnConflict() {
    for (Class<?> dao : List.of(ShardTenantDao.class, ShardCountryDao.class, ShardProjectDao.class, ShardEventDao.class)) {
      List<String> merges = Arrays.stream(dao.getFields()).map(Field::getName).filter(n -> n.startsWith("MERGE_ALL")).toList();
      assertEquals(List.of(), merges, dao.getSimpleName());
    }
    assertTrue(Arrays.stream(MemberDao.class.getFields()).anyMatch(f -> f.getName().equals("MERGE_ALL")));
    ShardCountryDao countries = new ShardCountryDao(pg.db());
    assertEquals(2, countries.upsertAll(List.of(new ShardCountry("AR", "Argentina"), new ShardCountry("UY", "Uruguay"))));
    assertEquals(2, countries.upsertAll(List.of(new ShardCountry("AR", "Argentine Republic"), new ShardCountry("PE", "Peru"))));
    assertEquals("Argentine Republic", countries.findById("AR").orElseThrow().name());
  }

  @Test
  void withoutCitusTheDaosWorkOnOrdinaryTables() {
    ShardTenantDao tenants = new ShardTenantDao(pg.db());
    ShardProjectDao projects = new ShardProjectDao(pg.db());
    new ShardCountryDao(pg.db()).insert(new ShardCountry("CL", "Chile"));
    tenants.insertAll(List.of(new ShardTenant(1, "one"), new ShardTenant(2, "two")));
    projects.insert(new ShardProject(1, 10, "alpha", "CL"));
    projects.upsertByTenantIdAndSlug(new ShardProject(1, 10, "alpha", "CL"));
    projects.insert(new ShardProject(2, 10, "alpha", "CL")); // same id and slug, other tenant
    assertEquals(List.of(new ShardProject(1, 10, "alpha", "CL")), projects.findByTenantId(1));
    Map<Long, List<ShardProject>> byTenant = projects.findByTenantIdIn(List.of(1L, 2L));
    assertEquals(2, byTenant.size());
    assertTrue(tenants.delete(1));
    assertEquals(List.of(), projects.findByTenantId(1), "ON DELETE CASCADE");
    assertEquals(0L, pg.value("SELECT count(*) FROM pg_extension WHERE extname = 'citus'"));
  }

  @Test
  void partitionsAreMaintainedForTheDistributedTimeSeries() {
    ShardEventDao events = new ShardEventDao(pg.db());
    Instant now = Instant.parse("2026-03-10T12:00:00Z");
    List<String> created = events.partitions().maintain(now).created();
    assertTrue(created.contains("shard_events_p20260310") && created.contains("shard_events_p20260312"), created.toString());
    events.insert(new ShardEvent(7, 1, now, "login"));
    assertEquals(1, events.findByAtBetween(now.minusSeconds(60), now.plusSeconds(60)).size());
  }

  private static int indexOf(List<String> statements, String fragment) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i).contains(fragment)) {
        return i;
      }
    }
    return -1;
  }
}
