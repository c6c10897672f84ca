package dev.quarry.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.runtime.Database;
import dev.quarry.spring.app.CustomerDao;
import dev.quarry.spring.app.VisitDao;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration does for each setting, each case in a fresh schema. */
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
    Database db = Database.of(new org.springframework.jdbc.datasource.DriverManagerDataSource(TestDb.url(schema)));
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

  @Test
  void verifyIsTheDefaultAndFailsStartUpListingEveryMissingTable() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("quarry.schema.mode=verify")
          .hasMessageContaining("table customers")
          .hasMessageContaining("table visits");
    });
  }

  @Test
  void migrateCreatesTheTablesAndVerifyThenPasses() {
    runner.withPropertyValues("quarry.schema.mode=migrate").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CustomerDao.class).hasSingleBean(VisitDao.class);
      assertThat(context).getBean("customerDao").isInstanceOf(CustomerDao.class);
    });
    assertThat(tableExists("customers")).isTrue();
    runner.run(context -> assertThat(context).hasNotFailed());
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
    runner.withPropertyValues("quarry.schema.mode=migrate", "quarry.partitions.maintain-interval=0").run(context -> {
      assertThat(context).hasNotFailed();
      // only what the schema itself creates (the DEFAULT partition), no monthly partition
      assertThat(context.getBean(VisitDao.class).partitions().list()).allMatch(p -> p.isDefault());
    });
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
