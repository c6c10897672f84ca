package dev.quarry.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import dev.quarry.spring.app.Customer;
import dev.quarry.spring.app.CustomerDao;
import dev.quarry.spring.app.CustomerSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code QuarrySpring.database(Database.builder(primary).replicas(standby))} on real streaming
 * replication ({@link Standby}): inside a Spring transaction every call runs on its connection
 * to the primary; outside, reads go to the standby, and a thread reads what its own Spring
 * transaction committed even while the standby is paused behind. After every test neither pool
 * has a connection out, and Quarry never touched the transaction's commit or auto-commit.
 */
@Tag("replication")
class SpringReplicasTest {
  static Standby servers;
  static HikariDataSource primaryPool;
  static HikariDataSource standbyPool;
  static WatchedDataSource primary;
  static AnnotationConfigApplicationContext context;
  static Database db;
  static CustomerDao customers;
  static TransactionTemplate tx;

  @Configuration(proxyBeanMethods = false)
  static class Config {
    @Bean
    DataSource dataSource() {
      return primary;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    Database database(DataSource dataSource) {
      return QuarrySpring.database(Database.builder(dataSource).replicas(standbyPool).maxReplicaLag(Duration.ofMinutes(5)));
    }

    @Bean
    CustomerDao customerDao(Database database) {
      return new CustomerDao(database);
    }
  }

  @BeforeAll
  static void start() {
    servers = Standby.start(url -> Schema.apply(Database.of(new DriverManagerDataSource(url)), CustomerSchema.statements()));
    primaryPool = pool(servers.primaryUrl());
    standbyPool = pool(servers.standbyUrl());
    primary = new WatchedDataSource(primaryPool);
    context = new AnnotationConfigApplicationContext(Config.class);
    db = context.getBean(Database.class);
    customers = context.getBean(CustomerDao.class);
    tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable resource : new AutoCloseable[] {context, standbyPool, primaryPool, servers}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @AfterEach
  void nothingLeaked() {
    servers.onStandby("SELECT pg_wal_replay_resume()");
    assertEquals(0, primaryPool.getHikariPoolMXBean().getActiveConnections(), "primary connections still out");
    assertEquals(0, standbyPool.getHikariPoolMXBean().getActiveConnections(), "standby connections still out");
    assertEquals(List.of(), primary.faults);
  }

  private static boolean inRecovery(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Runs {@code work} on a thread that has made no write, so read-your-writes does not pin it to the primary. */
  private static <T> T onFreshThread(Callable<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, r -> new Thread(r).start()).join();
  }

  @Test
  void outsideASpringTransactionReadsGoToTheStandby() throws Exception {
    servers.awaitCaughtUp();
    assertTrue(onFreshThread(() -> db.withReadConnection(SpringReplicasTest::inRecovery)));

    servers.onStandby("SELECT pg_wal_replay_pause()");
    onFreshThread(() -> new CustomerDao(Database.of(primaryPool)).insert(new Customer(null, "not-yet@x", "n")));
    assertTrue(onFreshThread(() -> customers.findByEmail("not-yet@x")).isEmpty(), "a DAO read on the paused standby");
  }

  @Test
  void insideASpringTransactionEveryCallUsesItsConnection() throws Exception {
    servers.awaitCaughtUp();
    onFreshThread(() -> tx.execute(s -> {
      Connection spring = DataSourceUtils.getConnection(primary);
      assertSame(spring, db.withReadConnection(c -> c), "a read inside the transaction");
      customers.insert(new Customer(null, "in-tx@x", "t"));
      assertTrue(customers.findByEmail("in-tx@x").isPresent(), "the transaction's own uncommitted write");
      return null;
    }));

    TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    readOnly.setReadOnly(true);
    onFreshThread(() -> readOnly.execute(s -> {
      assertSame(DataSourceUtils.getConnection(primary), db.withReadConnection(c -> c), "a read-only Spring transaction is still the primary's");
      assertTrue(customers.findByEmail("in-tx@x").isPresent());
      return null;
    }));
  }

  @Test
  void aThreadReadsWhatItsSpringTransactionCommittedWhileTheStandbyIsBehind() throws Exception {
    servers.awaitCaughtUp();
    servers.onStandby("SELECT pg_wal_replay_pause()");
    onFreshThread(() -> {
      tx.executeWithoutResult(s -> customers.insert(new Customer(null, "mine@x", "m")));
      assertTrue(customers.findByEmail("mine@x").isPresent(), "the first read after the commit");
      assertTrue(customers.findByEmail("mine@x").isPresent(), "and the reads after it, until the standby replays");
      assertFalse(db.withReadConnection(SpringReplicasTest::inRecovery));

      customers.insert(new Customer(null, "mine-too@x", "m"));
      assertTrue(customers.findByEmail("mine-too@x").isPresent(), "a write outside a Spring transaction");
      return null;
    });
    assertTrue(onFreshThread(() -> customers.findByEmail("mine@x")).isEmpty(), "another thread reads the standby, behind");

    servers.onStandby("SELECT pg_wal_replay_resume()");
    servers.awaitCaughtUp();
    assertTrue(onFreshThread(() -> customers.findByEmail("mine@x")).isPresent());
  }
}
