package dev.quarry.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.JacksonJsonCodec;
import dev.quarry.runtime.JsonCodec;
import dev.quarry.runtime.PartitionInfo;
import dev.quarry.runtime.PartitionManager;
import dev.quarry.runtime.SchemaMismatchException;
import dev.quarry.spring.app.Customer;
import dev.quarry.spring.app.CustomerDao;
import dev.quarry.spring.app.Preference;
import dev.quarry.spring.app.PreferenceDao;
import dev.quarry.spring.app.VisitDao;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the auto-configuration does for each setting, each case in a fresh schema. */
@ExtendWith(OutputCaptureExtension.class)
class QuarryAutoConfigurationTest {
  private String schema;
  private ApplicationContextRunner runner;

  @BeforeEach
  void freshSchema() {
    schema = TestDb.createSchema(QuarryAutoConfigurationTest.class);
    runner = new ApplicationContextRunner()
        .withUserConfiguration(BootApp.class)
        .withPropertyValues("spring.datasource.url=" + TestDb.url(schema), "spring.datasource.hikari.maximum-pool-size=2");
  }

  @AfterEach
  void drop() {
    TestDb.dropSchema(schema);
  }

  private boolean tableExists(String table) {
    Database db = Database.of(new DriverManagerDataSource(TestDb.url(schema)));
    return db.withConnection(c -> {
      try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
        ps.setString(1, schema + "." + table);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    });
  }

  /** Runs {@code sql} in the test's schema. */
  private void execute(String sql) {
    Database.of(new DriverManagerDataSource(TestDb.url(schema))).withConnection(c -> c.createStatement().execute(sql));
  }

  /** The message start-up failed with, as a person reads it in the log. */
  private static String startUpFailure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    while (!(failure instanceof IllegalStateException) && failure.getCause() != null) {
      failure = failure.getCause();
    }
    assertThat(failure.getCause()).isInstanceOf(SchemaMismatchException.class);
    return failure.getMessage();
  }

  /** The context started, and start-up (schema step, maintenance) gave every connection back. */
  private static void startedAndIdle(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    poolIsIdle(context);
  }

  /** Connections the context's pool still has out: none, or a DAO call leaked one. */
  private static void poolIsIdle(AssertableApplicationContext context) {
    assertThat(context.getBean(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections()).isZero();
  }

  @Test
  void verifyIsTheDefaultAndFailsStartUpListingEveryMissingTableAndHowToFixIt() {
    runner.run(context -> assertThat(startUpFailure(context))
        .contains("quarry.schema.mode=verify: the database does not match the records (3)")
        .contains("table customers is missing", "table visits is missing", "table preferences is missing")
        .contains("SchemaTool", "quarry.schema.mode=migrate"));
  }

  @Test
  void bootReportsTheDifferencesAndTheFixInsteadOfAStackTrace(CapturedOutput output) {
    SpringApplication application = new SpringApplication(BootApp.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(() -> application.run("--spring.datasource.url=" + TestDb.url(schema), "--spring.main.banner-mode=off"))
        .hasRootCauseInstanceOf(SchemaMismatchException.class);
    assertThat(output).contains("APPLICATION FAILED TO START", "Description:",
        "quarry.schema.mode=verify: the database does not match the records (3)", "table customers is missing",
        "Action:", "set quarry.schema.mode=migrate");
  }

  @Test
  void verifyPassesOnTheSchemaBootsOwnInitializationMade() {
    // spring.sql.init runs before the check: Quarry's start-up depends on Boot's database initializers
    runner.withPropertyValues("spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:META-INF/quarry/schema.sql")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(CustomerDao.class);
          context.getBean(CustomerDao.class).insert(new Customer(null, "verified@x", "v"));
          poolIsIdle(context);
        });
  }

  @Test
  void verifyFailsStartUpNamingTheTableAndColumnThatDrifted() {
    runner.withPropertyValues("quarry.schema.mode=migrate").run(QuarryAutoConfigurationTest::startedAndIdle);
    execute("ALTER TABLE customers DROP COLUMN name");

    runner.run(context -> assertThat(startUpFailure(context))
        .contains("the database does not match the records (1)")
        .contains("table customers: column name is missing (expected text"));
  }

  @Test
  void migrateCreatesTheTablesAndVerifyThenPasses() {
    runner.withPropertyValues("quarry.schema.mode=migrate").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CustomerDao.class).hasSingleBean(VisitDao.class);
      assertThat(context).getBean("customerDao").isInstanceOf(CustomerDao.class);
      poolIsIdle(context);
    });
    assertThat(tableExists("customers")).isTrue();
    runner.run(QuarryAutoConfigurationTest::startedAndIdle);
  }

  @Test
  void migrateAddsAMissingTableAndColumnThenVerifyPasses() {
    runner.withPropertyValues("quarry.schema.mode=migrate").run(QuarryAutoConfigurationTest::startedAndIdle);
    execute("DROP TABLE visits");
    execute("ALTER TABLE preferences DROP COLUMN note");

    runner.withPropertyValues("quarry.schema.mode=migrate").run(context -> {
      assertThat(context).hasNotFailed();
      PreferenceDao preferences = context.getBean(PreferenceDao.class);
      long id = preferences.insert(new Preference(null, new Preference.Settings("Ada", true, null), "noted")).id();
      assertThat(preferences.findById(id).orElseThrow().note()).isEqualTo("noted");
      poolIsIdle(context);
    });
    assertThat(tableExists("visits")).isTrue();
    runner.run(QuarryAutoConfigurationTest::startedAndIdle);
  }

  @Test
  void migrateFailsStartUpListingTheStepsItLeavesToAPerson() {
    runner.withPropertyValues("quarry.schema.mode=migrate").run(QuarryAutoConfigurationTest::startedAndIdle);
    execute("ALTER TABLE customers ADD COLUMN legacy text NOT NULL DEFAULT ''");
    execute("DROP TABLE visits");

    runner.withPropertyValues("quarry.schema.mode=migrate").run(context -> assertThat(startUpFailure(context))
        .contains("quarry.schema.mode=migrate: Quarry made the safe changes, but these need a person (1)")
        .contains("table customers: column legacy is not dropped automatically"));
    assertThat(tableExists("visits")).as("the safe changes were made before start-up failed").isTrue();
  }

  @Test
  void noneLeavesTheSchemaAloneAndSkipsNothingElse() {
    runner.withPropertyValues("quarry.schema.mode=none", "quarry.partitions.maintain-interval=0").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CustomerDao.class);
      assertThat(context.getBean(PartitionMaintenance.class).isRunning()).isFalse();
    });
    assertThat(tableExists("customers")).isFalse();
  }

  @Test
  void aZeroIntervalTurnsMaintenanceOffAtStartUpToo() {
    // the schema file makes the partitioned table without partitions: those are maintenance's
    runner.withPropertyValues("quarry.partitions.maintain-interval=0", "spring.sql.init.mode=always",
        "spring.sql.init.schema-locations=classpath:META-INF/quarry/schema.sql").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(VisitDao.class).partitions().list()).isEmpty();
          poolIsIdle(context);
        });
  }

  @Test
  void maintenanceLogsEachWarningOnce(CapturedOutput output) {
    runner.withPropertyValues("quarry.schema.mode=migrate", "quarry.partitions.maintain-interval=0").run(context -> {
      assertThat(context).hasNotFailed();
      // a partition with other bounds where the window wants its newest month: maintenance must not guess
      PartitionInfo newest = context.getBean(VisitDao.class).partitions().list().stream()
          .filter(p -> !p.isDefault()).reduce((a, b) -> b).orElseThrow();
      execute("DROP TABLE " + newest.name());
      execute("CREATE TABLE visits_odd PARTITION OF visits "
          + newest.bound().replaceFirst("FROM \\('([^']*)'\\)", "FROM ('$1'::timestamptz + interval '1 day')"));
    });

    // The manager logs each warning through System.Logger (JUL, which Boot routes to its own
    // logging); Spring must not log it a second time.
    String overlap = "partition visits_odd overlaps the wanted ";
    Logger manager = Logger.getLogger(PartitionManager.class.getName());
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel() == Level.WARNING) {
          logged.add(r.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    manager.addHandler(handler);
    try {
      runner.run(QuarryAutoConfigurationTest::startedAndIdle);
    } finally {
      manager.removeHandler(handler);
    }
    assertThat(logged).singleElement().asString().contains(overlap);
    assertThat(output).doesNotContain("Quarry partition maintenance for " + VisitDao.class.getName() + ": " + overlap);
  }

  /**
   * Writes a document through the DAO and reads it back: the stored JSON has the snake_case
   * names and ISO instants of the mapper the test configured, never the default codec's.
   */
  private static void documentsUseTheConfiguredMapper(AssertableApplicationContext context, Instant since) {
    assertThat(context).hasNotFailed();
    PreferenceDao preferences = context.getBean(PreferenceDao.class);
    Preference.Settings settings = new Preference.Settings("Ada", true, since);
    long id = preferences.insert(new Preference(null, settings, null)).id();

    String stored = context.getBean(Database.class).withConnection(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT settings::text FROM preferences WHERE id = " + id)) {
        rs.next();
        return rs.getString(1);
      }
    });
    assertThat(stored).contains("\"display_name\": \"Ada\"", "\"email_opt_in\": true",
        "\"since\": " + (since == null ? "null" : "\"" + since + "\""));
    assertThat(preferences.findById(id).orElseThrow().settings()).isEqualTo(settings);
    assertThat(context.getBean(Database.class).json()).isSameAs(context.getBean(JsonCodec.class));
    poolIsIdle(context);
  }

  @Test
  void jsonDocumentsAreWrittenAndReadWithTheApplicationsObjectMapper() {
    // Boot's mapper (Jackson 2 on Boot 3, Jackson 3 on Boot 4) with spring.jackson.* applied
    runner.withPropertyValues("quarry.schema.mode=migrate", "spring.jackson.property-naming-strategy=SNAKE_CASE")
        .run(context -> documentsUseTheConfiguredMapper(context, Instant.parse("2026-01-02T03:04:05Z")));
  }

  /** A mapper of the application's own, not Boot's (Jackson 2, as Boot 3 applications have). */
  @Configuration(proxyBeanMethods = false)
  static class OwnCodec {
    @Bean
    JsonCodec myCodec() {
      return JacksonJsonCodec.of(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
  }

  @Test
  void aJsonCodecTheApplicationDefinesIsUsedInsteadOfTheMapper() {
    // a bare Jackson 2 mapper writes no java.time: the document holds none
    runner.withUserConfiguration(OwnCodec.class).withPropertyValues("quarry.schema.mode=migrate")
        .run(context -> documentsUseTheConfiguredMapper(context, null));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDatabase {
    static final Database[] made = new Database[1];

    @Bean
    Database myDatabase(DataSource dataSource) {
      made[0] = Database.of(dataSource);
      return made[0];
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDao {
    @Bean
    CustomerDao customers(Database database) {
      return new CustomerDao(database);
    }
  }

  @Test
  void aDaoTheApplicationDefinesItselfIsNotDefinedTwice() {
    runner.withUserConfiguration(OwnDao.class).withPropertyValues("quarry.schema.mode=migrate").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CustomerDao.class).hasSingleBean(VisitDao.class);
      assertThat(context.getBeanNamesForType(CustomerDao.class)).containsExactly("customers");
      poolIsIdle(context);
    });
  }

  @Test
  void theApplicationsOwnDatabaseBeanIsUsed() {
    runner.withUserConfiguration(OwnDatabase.class).withPropertyValues("quarry.schema.mode=migrate").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Database.class);
      assertThat(context.getBean(Database.class)).isSameAs(OwnDatabase.made[0]);
    });
  }
}
