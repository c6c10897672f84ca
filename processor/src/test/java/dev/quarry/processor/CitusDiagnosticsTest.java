package dev.quarry.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The Citus rules: each mistake that Citus would only refuse when the schema is applied, or
 * that would only show as a slow fan-out query in production, is a compile-time diagnostic.
 */
class CitusDiagnosticsTest {
  private static final String IMPORTS = "package citus;\nimport dev.quarry.*;\nimport java.time.Instant;\n";

  /** A distributed tenants table others can colocate with and reference. */
  private static final JavaFileObject TENANT = source("Tenant",
      "@Table(\"tenants\") @Distributed(by = \"id\") public record Tenant(@Id long id, String name) {}");

  private static final JavaFileObject COUNTRY = source("Country",
      "@Table(\"countries\") @Reference public record Country(@Id String code, String name) {}");

  private static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString("citus." + name, IMPORTS + body);
  }

  private static void expectError(JavaFileObject bad, String id, String lineContaining, JavaFileObject... others) {
    JavaFileObject[] all = new JavaFileObject[others.length + 1];
    all[0] = bad;
    System.arraycopy(others, 0, all, 1, others.length);
    Compilation compilation = Compiling.compile(all);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(bad).onLineContaining(lineContaining);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void distributionColumnOutsideThePrimaryKey() {
    expectError(source("Project", "@Table @Distributed(by = \"tenantId\")\n"
        + "public record Project(@Id long id,\n long tenantId) {}"),
        "QuarryDistributionKeyNotInPk", "long tenantId");
  }

  @Test
  void uniqueKeyWithoutTheDistributionColumn() {
    expectError(source("Member", "@Table @Distributed(by = \"tenantId\")\n"
        + "public record Member(@Id long tenantId, @Id long id,\n @Unique String email) {}"),
        "QuarryUniqueWithoutDistributionColumn", "@Unique String email");
  }

  @Test
  void uniqueIndexWithoutTheDistributionColumn() {
    expectError(source("Member", "@Table @Distributed(by = \"tenantId\")\n"
        + "@Index(value = \"email\", unique = true)\n"
        + "public record Member(@Id long tenantId, @Id long id, String email) {}"),
        "QuarryUniqueWithoutDistributionColumn", "@Index");
  }

  @Test
  void uniqueKeyWithTheDistributionColumnCompiles() {
    Compilation compilation = Compiling.compile(source("Member", "@Table @Distributed(by = \"tenantId\")\n"
        + "@UniqueKey({\"tenantId\", \"email\"})\n"
        + "public record Member(@Id long tenantId, @Id long id, String email) {}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void unknownDistributionComponent() {
    expectError(source("Project", "@Table @Distributed(by = \"tenant\")\n"
        + "public record Project(@Id long tenantId, @Id long id) {}"),
        "QuarryUnknownComponent", "@Distributed");
  }

  @Test
  void foreignKeyBetweenDistributedTablesNeedsColocation() {
    expectError(source("Project", "@Table @Distributed(by = \"tenantId\")\n"
        + "public record Project(@Id @ForeignKey(references = Tenant.class) long tenantId,\n @Id long id) {}"),
        "QuarryCitusForeignKey", "long tenantId", TENANT);
  }

  @Test
  void colocatedForeignKeyFromTheDistributionColumnCompiles() {
    Compilation compilation = Compiling.compile(source("Project",
        "@Table @Distributed(by = \"tenantId\", colocateWith = Tenant.class)\n"
        + "public record Project(@Id @ForeignKey(references = Tenant.class) long tenantId, @Id long id,\n"
        + "  @ForeignKey(references = Country.class) String country) {}"), TENANT, COUNTRY);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1); // findByCountry fans out; findByTenantId does not
  }

  @Test
  void foreignKeyBetweenDistributedTablesMustUseTheDistributionColumns() {
    JavaFileObject task = source("Task", "@Table @Distributed(by = \"tenantId\", colocateWith = Tenant.class)\n"
        + "@SuppressWarnings(\"QuarryDistributedFanOut\")\n"
        + "public record Task(@Id long tenantId, @Id long id,\n @ForeignKey(references = Tenant.class) long ownerId) {}");
    expectError(task, "QuarryCitusForeignKey", "long ownerId", TENANT);
  }

  @Test
  void referenceTableToDistributedTable() {
    expectError(source("Plan", "@Table @Reference\n"
        + "public record Plan(@Id long id,\n @ForeignKey(references = Tenant.class) long tenantId) {}"),
        "QuarryReferenceToDistributed", "long tenantId", TENANT);
  }

  @Test
  void localTableToDistributedTable() {
    expectError(source("Audit", "@Table\n"
        + "public record Audit(@Id long id,\n @ForeignKey(references = Tenant.class) long tenantId) {}"),
        "QuarryCitusForeignKey", "long tenantId", TENANT);
  }

  @Test
  void distributedTableToLocalTable() {
    JavaFileObject local = source("Region", "@Table public record Region(@Id long id) {}");
    expectError(source("Site", "@Table @Distributed(by = \"regionId\")\n"
        + "public record Site(@Id @ForeignKey(references = Region.class)\n long regionId, @Id long id) {}"),
        "QuarryCitusForeignKey", "long regionId", local);
  }

  @Test
  void colocateWithARecordThatIsNotDistributed() {
    expectError(source("Project", "@Table @Distributed(by = \"code\", colocateWith = Country.class)\n"
        + "public record Project(@Id String code) {}"),
        "QuarryColocateWith", "@Distributed", COUNTRY);
  }

  @Test
  void colocatedDistributionColumnsOfDifferentTypes() {
    expectError(source("Project", "@Table @Distributed(by = \"code\", colocateWith = Tenant.class)\n"
        + "public record Project(@Id String code) {}"),
        "QuarryColocateWith", "@Distributed", TENANT);
  }

  @Test
  void distributedAndReference() {
    expectError(source("Both", "@Table @Distributed(by = \"id\")\n@Reference\npublic record Both(@Id long id) {}"),
        "QuarryCitusPlacement", "@Reference");
  }

  @Test
  void partitionedReferenceTable() {
    expectError(source("Log", "@Table @Reference\n"
        + "@Partitioned(by = \"at\", interval = Partitioned.Interval.DAILY)\n"
        + "public record Log(@Id long id, @Id Instant at) {}"),
        "QuarryCitusPartitioned", "@Reference");
  }

  @Test
  void fanOutReadsAreWarnedAbout() {
    JavaFileObject events = source("Event", "@Table @Distributed(by = \"tenantId\")\n"
        + "@KeysetPaged({\"tenantId\", \"id\", \"at\"})\n"
        + "@Partitioned(by = \"at\", interval = Partitioned.Interval.DAILY)\n"
        + "public record Event(@Id long tenantId, @Id long id, @Id Instant at,\n"
        + "  @ForeignKey(references = Country.class) String country) {}");
    Compilation compilation = Compiling.compile(events, COUNTRY);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[QuarryDistributedFanOut] @KeysetPaged").inFile(events)
        .onLineContaining("@KeysetPaged");
    assertThat(compilation).hadWarningContaining("[QuarryDistributedFanOut] findByCountry").inFile(events)
        .onLineContaining("String country");
    assertThat(compilation).hadWarningContaining("[QuarryDistributedFanOut] findByAtBetween").inFile(events)
        .onLineContaining("@Partitioned");
    assertThat(compilation).hadWarningCount(3);
  }

  @Test
  void fanOutWarningsCanBeSuppressed() {
    Compilation compilation = Compiling.compile(source("Event", "@Table @Distributed(by = \"tenantId\")\n"
        + "@SuppressWarnings(\"QuarryDistributedFanOut\")\n"
        + "@KeysetPaged({\"tenantId\", \"id\"})\n"
        + "public record Event(@Id long tenantId, @Id long id) {}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** The statements a colocated table gets, in the order that runs on a coordinator. */
  @Test
  void schemaDistributesThenAddsForeignKeys() throws IOException {
    JavaFileObject project = source("Project", "@Table(\"projects\") @Distributed(by = \"tenantId\", colocateWith = Tenant.class)\n"
        + "public record Project(@Id @ForeignKey(references = Tenant.class) long tenantId, @Id long id, String name) {}");
    Compilation compilation = Compiling.compile(project, TENANT, COUNTRY);
    assertThat(compilation).succeededWithoutWarnings();
    String schema = compilation.generatedSourceFile("citus.ProjectSchema").orElseThrow().getCharContent(true).toString();
    int create = schema.indexOf("CREATE TABLE IF NOT EXISTS projects");
    int distribute = schema.indexOf("PERFORM create_distributed_table('projects', 'tenant_id', colocate_with => 'tenants')");
    int foreignKey = schema.indexOf("ALTER TABLE projects ADD CONSTRAINT projects_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)");
    assertThat(create).isAtLeast(0);
    assertThat(distribute).isGreaterThan(create);
    assertThat(foreignKey).isGreaterThan(distribute);
    assertThat(schema.substring(create, distribute)).doesNotContain("FOREIGN KEY");
    String reference = compilation.generatedSourceFile("citus.CountrySchema").orElseThrow().getCharContent(true).toString();
    assertThat(reference).contains("PERFORM create_reference_table('countries')");
    String sql = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/quarry/schema.sql")
        .orElseThrow().getCharContent(true).toString();
    assertThat(sql.indexOf("-- citus.Tenant")).isLessThan(sql.indexOf("-- citus.Project"));
  }
}
