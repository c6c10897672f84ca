package dev.quarry.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.UniqueViolationException;
import dev.quarry.spring.app.Customer;
import dev.quarry.spring.app.CustomerDao;
import dev.quarry.spring.app.CustomerSchema;
import dev.quarry.spring.jpa.Note;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quarry inside transactions of {@link JpaTransactionManager}, the manager of Spring Data JPA
 * applications: Hibernate's writes and Quarry's share the transaction's connection, and commit
 * or roll back together. After every test the pool has no connection out, and no connection
 * went back with auto-commit off or had its transaction controlled by Quarry.
 */
class SpringJpaTest {
  static String schema;
  static HikariDataSource pool;
  static WatchedDataSource dataSource;
  static AnnotationConfigApplicationContext context;
  static CustomerDao customers;
  static Service service;
  static TransactionTemplate tx;

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class Config {
    @Bean
    DataSource dataSource() {
      return dataSource;
    }

    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
      LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
      factory.setDataSource(dataSource);
      factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
      factory.setPackagesToScan(Note.class.getPackageName());
      factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none"));
      return factory;
    }

    @Bean
    PlatformTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
      return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    Database database(DataSource dataSource) {
      return QuarrySpring.database(dataSource);
    }

    @Bean
    CustomerDao customerDao(Database database) {
      return new CustomerDao(database);
    }

    @Bean
    Service service(CustomerDao customers) {
      return new Service(customers);
    }
  }

  /** A service that writes with both, as an application moving from JPA to Quarry does. */
  static class Service {
    final CustomerDao customers;
    @PersistenceContext EntityManager entityManager;

    Service(CustomerDao customers) {
      this.customers = customers;
    }

    /** Joins the caller's transaction (Spring's shared EntityManager). */
    public void persist(String body) {
      entityManager.persist(new Note(body));
    }

    @Transactional
    public void writeBothThenFail(String email) {
      entityManager.persist(new Note("by JPA for " + email));
      customers.insert(new Customer(null, email, "by Quarry"));
      throw new IllegalStateException("after both writes");
    }

    @Transactional
    public long quarrySeesHibernatesFlushedWrite(String email) {
      entityManager.persist(new Note(email));
      entityManager.flush();
      customers.insert(new Customer(null, email, "by Quarry"));
      return notes(email);
    }

    @Transactional
    public void catchesADuplicate(String email) {
      entityManager.persist(new Note("kept? " + email));
      entityManager.flush();
      try {
        customers.insert(new Customer(null, email, "duplicate"));
      } catch (UniqueViolationException swallowed) {
        // an application that carries on: the commit must not keep the note
      }
    }
  }

  @BeforeAll
  static void start() {
    schema = TestDb.createSchema(SpringJpaTest.class);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDb.url(schema));
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    dataSource = new WatchedDataSource(pool);
    Database plain = Database.of(pool);
    Schema.apply(plain, CustomerSchema.statements());
    Schema.apply(plain, List.of("CREATE TABLE jpa_notes (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, body text)"));
    context = new AnnotationConfigApplicationContext(Config.class);
    customers = context.getBean(CustomerDao.class);
    service = context.getBean(Service.class);
    tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (pool != null) {
      pool.close();
    }
    TestDb.dropSchema(schema);
  }

  @BeforeEach
  void empty() {
    Database.of(pool).withConnection(c -> c.createStatement().execute("DELETE FROM customers; DELETE FROM jpa_notes"));
    dataSource.faults.clear();
  }

  @AfterEach
  void nothingLeaked() {
    assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "connections still out of the pool");
    assertEquals(List.of(), dataSource.faults);
  }

  private static long count(String table, String column, String value) {
    return Database.of(pool).withConnection(c -> {
      try (var ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " LIKE ?")) {
        ps.setString(1, value);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** Counts notes through Quarry's connection: inside a transaction, the transaction's. */
  private static long notes(String body) {
    return context.getBean(Database.class).withConnection(c -> {
      try (var ps = c.prepareStatement("SELECT count(*) FROM jpa_notes WHERE body = ?")) {
        ps.setString(1, body);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Test
  void quarrysAndHibernatesWritesRollBackTogether() {
    assertThrows(IllegalStateException.class, () -> service.writeBothThenFail("both@x"));
    assertEquals(0, count("customers", "email", "both@x"));
    assertEquals(0, count("jpa_notes", "body", "%both@x"));
  }

  @Test
  void quarrysAndHibernatesWritesCommitTogether() {
    tx.executeWithoutResult(s -> {
      service.persist("committed@x");
      customers.insert(new Customer(null, "committed@x", "c"));
    });
    assertEquals(1, count("customers", "email", "committed@x"));
    assertEquals(1, count("jpa_notes", "body", "committed@x"));
  }

  @Test
  void quarryRunsOnTheJpaTransactionsConnection() {
    assertEquals(1, service.quarrySeesHibernatesFlushedWrite("shared@x"), "Hibernate's flushed, uncommitted row");
    assertEquals(1, count("customers", "email", "shared@x"));
  }

  @Test
  void aCaughtQuarryFailureMarksTheJpaTransactionRollbackOnly() {
    customers.insert(new Customer(null, "taken@x", "first"));
    // without the mark, Hibernate's COMMIT meets PostgreSQL's aborted transaction and returns as if all went well
    assertThrows(UnexpectedRollbackException.class, () -> service.catchesADuplicate("taken@x"));
    assertEquals(0, count("jpa_notes", "body", "kept? taken@x"), "work before the failure must not be committed");
  }
}
