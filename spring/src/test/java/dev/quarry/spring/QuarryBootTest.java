package dev.quarry.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.PartitionInfo;
import dev.quarry.runtime.UniqueViolationException;
import dev.quarry.spring.app.Customer;
import dev.quarry.spring.app.CustomerDao;
import dev.quarry.spring.app.VisitDao;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Spring Boot application on HikariCP with actuator: Quarry's auto-configuration creates the
 * tables ({@code quarry.schema.mode=migrate}), injects the DAOs, maintains partitions at start-up
 * and on its schedule, and times every DAO statement.
 */
@DirtiesContext
@SpringBootTest(classes = {BootApp.class, QuarryBootTest.DropSchemaOnClose.class}, properties = {
    "quarry.schema.mode=migrate",
    "quarry.partitions.maintain-interval=1s",
    "spring.datasource.hikari.maximum-pool-size=4"})
class QuarryBootTest {
  static final String SCHEMA = TestDb.createSchema(QuarryBootTest.class);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestDb.url(SCHEMA));
  }

  @Autowired DataSource dataSource;
  @Autowired Database db;
  @Autowired CustomerDao customers;
  @Autowired VisitDao visits;
  @Autowired TransactionTemplate tx;
  @Autowired MeterRegistry meters;

  /**
   * Drops the schema when the application closes (after the class, by {@code @DirtiesContext}),
   * once its lifecycle has stopped the scheduled maintenance, which must never meet a dropped schema.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class DropSchemaOnClose {
    @Bean
    DisposableBean dropSchema() {
      return () -> TestDb.dropSchema(SCHEMA);
    }
  }

  /**
   * The scheduled maintenance borrows a connection for a few milliseconds every interval, so
   * the pool is given a moment to be idle; a leaked connection stays out and fails the test.
   */
  @AfterEach
  void poolIsIdle() throws InterruptedException {
    HikariDataSource hikari = assertInstanceOf(HikariDataSource.class, dataSource);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (hikari.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, hikari.getHikariPoolMXBean().getActiveConnections(), "connections still out of the pool");
  }

  @Test
  void daosAreInjectedAndJoinBootsTransactions() {
    assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(s -> {
      customers.insert(new Customer(null, "boot-rolled-back@x", "b"));
      throw new IllegalStateException("after the insert");
    }));
    assertTrue(customers.findByEmail("boot-rolled-back@x").isEmpty());

    tx.executeWithoutResult(s -> customers.insert(new Customer(null, "boot@x", "b")));
    assertTrue(customers.findByEmail("boot@x").isPresent());
  }

  @Test
  void startUpMaintenanceCreatedTheCurrentPartitionAndThoseAhead() {
    // the current month and two ahead, beside the DEFAULT partition
    assertTrue(visits.partitions().list().size() >= 3, () -> "partitions: " + visits.partitions().list());
  }

  @Test
  void scheduledMaintenanceRecreatesADroppedPartition() throws InterruptedException {
    List<PartitionInfo> before = visits.partitions().list();
    PartitionInfo last = before.stream().filter(p -> !p.isDefault()).reduce((a, b) -> b).orElseThrow();
    db.withConnection(c -> c.createStatement().execute("DROP TABLE " + last.name()));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (visits.partitions().list().size() < before.size() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(before, visits.partitions().list());
  }

  @Test
  void everyDaoStatementIsTimedByMethodAndOutcome() {
    customers.insert(new Customer(null, "timed@x", "t"));
    assertThrows(UniqueViolationException.class, () -> customers.insert(new Customer(null, "timed@x", "t")));

    Timer success = meters.get("quarry.statement").tag("quarry.method", "CustomerDao.insert").tag("outcome", "success").timer();
    Timer failure = meters.get("quarry.statement").tag("quarry.method", "CustomerDao.insert").tag("outcome", "failure")
        .tag("error", "UniqueViolationException").timer();
    assertTrue(success.count() >= 1);
    assertEquals(1, failure.count());
    assertTrue(success.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
  }
}
