package dev.quarry.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.UniqueViolationException;
import dev.quarry.spring.app.Customer;
import dev.quarry.spring.app.CustomerDao;
import dev.quarry.spring.app.CustomerSchema;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quarry DAOs inside Spring-managed transactions, in a real Spring context on PostgreSQL with
 * a HikariCP pool. After every test the pool has no connection out, and no connection went back
 * with auto-commit off or had its transaction controlled by Quarry ({@link WatchedDataSource}).
 */
class SpringTransactionsTest {
  static TestPool pool;
  static AnnotationConfigApplicationContext context;
  static Database db;
  static CustomerDao customers;
  static Service service;
  static TransactionTemplate tx;

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class Config {
    @Bean
    DataSource dataSource() {
      return pool.watched;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
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
    Service service(CustomerDao customers, Database database) {
      return new Service(customers, database);
    }
  }

  /** Transactional methods as an application writes them. */
  static class Service {
    final CustomerDao customers;
    final Database db;

    Service(CustomerDao customers, Database db) {
      this.customers = customers;
      this.db = db;
    }

    @Transactional
    public void insertThenFail(String email) {
      customers.insert(new Customer(null, email, "x"));
      throw new IllegalStateException("after the insert");
    }

    @Transactional
    public void outerWithInnerNew(String outer, String inner) {
      customers.insert(new Customer(null, outer, "outer"));
      self().insertInNewTransaction(inner);
      throw new IllegalStateException("the outer transaction fails after the inner one committed");
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void insertInNewTransaction(String email) {
      customers.insert(new Customer(null, email, "inner"));
    }

    @Transactional
    public void outerWithFailingNested(String outer, String nested) {
      customers.insert(new Customer(null, outer, "outer"));
      try {
        self().nestedThenFail(nested);
      } catch (IllegalStateException expected) {
        // the nested scope is rolled back to its savepoint; the outer carries on
      }
    }

    @Transactional(propagation = Propagation.NESTED)
    public void nestedThenFail(String email) {
      customers.insert(new Customer(null, email, "nested"));
      throw new IllegalStateException("nested fails");
    }

    @Transactional(readOnly = true)
    public void writeInReadOnly(String email) {
      customers.insert(new Customer(null, email, "read-only"));
    }

    @Transactional(isolation = Isolation.SERIALIZABLE)
    public String isolationSeenByQuarry() {
      return db.withConnection(c -> {
        try (var s = c.createStatement(); var rs = s.executeQuery("SHOW transaction_isolation")) {
          rs.next();
          return rs.getString(1);
        }
      });
    }

    @Transactional
    public void catchesADuplicate(String email) {
      customers.insert(new Customer(null, email + ".first", "kept?"));
      try {
        customers.insert(new Customer(null, email, "duplicate"));
      } catch (UniqueViolationException swallowed) {
        // an application that carries on: the commit must not pretend all is well
      }
    }

    private Service self() {
      return context.getBean(Service.class);
    }
  }

  @BeforeAll
  static void start() {
    pool = new TestPool(SpringTransactionsTest.class, CustomerSchema.statements());
    context = new AnnotationConfigApplicationContext(Config.class);
    db = context.getBean(Database.class);
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
  }

  @BeforeEach
  void empty() {
    pool.reset("DELETE FROM customers");
  }

  @AfterEach
  void nothingLeaked() {
    pool.assertNothingLeaked();
  }

  private static long count(String email) {
    return pool.count("SELECT count(*) FROM customers WHERE email = ?", email);
  }

  @Test
  void aRollbackOfTheTemplateUndoesQuarrysInsert() {
    assertThrows(RuntimeException.class, () -> tx.executeWithoutResult(s -> {
      customers.insert(new Customer(null, "template@x", "t"));
      throw new RuntimeException("after the insert");
    }));
    assertEquals(0, count("template@x"), "the insert escaped the Spring transaction");

    tx.executeWithoutResult(s -> customers.insert(new Customer(null, "template@x", "t")));
    assertEquals(1, count("template@x"));
  }

  @Test
  void insideTheTransactionQuarrySeesItsUncommittedWrites() {
    tx.executeWithoutResult(s -> {
      customers.insert(new Customer(null, "seen@x", "s"));
      assertTrue(customers.findByEmail("seen@x").isPresent());
      assertEquals(0, countElsewhere("seen@x"), "another connection must not see it before commit");
    });
    assertEquals(1, count("seen@x"));
  }

  /** Counts on a connection of its own, outside the running Spring transaction. */
  private static long countElsewhere(String email) {
    try (var c = pool.hikari.getConnection(); var ps = c.prepareStatement("SELECT count(*) FROM customers WHERE email = ?")) {
      ps.setString(1, email);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anExceptionInATransactionalMethodRollsQuarrysWriteBack() {
    assertThrows(IllegalStateException.class, () -> service.insertThenFail("declarative@x"));
    assertEquals(0, count("declarative@x"));
  }

  @Test
  void theTransactionAwareProxyWorksWithPlainDatabaseOf() {
    CustomerDao viaProxy = new CustomerDao(Database.of(new TransactionAwareDataSourceProxy(pool.watched)));
    tx.executeWithoutResult(s -> viaProxy.insert(new Customer(null, "proxy@x", "p")));
    assertEquals(1, count("proxy@x"));

    assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(s -> {
      viaProxy.insert(new Customer(null, "proxy-rolled-back@x", "p"));
      throw new IllegalStateException("after the insert");
    }));
    assertEquals(0, count("proxy-rolled-back@x"));
  }

  @Test
  void requiresNewInsideRequiredCommitsOnItsOwn() {
    assertThrows(IllegalStateException.class, () -> service.outerWithInnerNew("outer@x", "inner@x"));
    assertEquals(0, count("outer@x"));
    assertEquals(1, count("inner@x"));
  }

  @Test
  void aFailedNestedScopeIsRolledBackAlone() {
    service.outerWithFailingNested("outer@x", "nested@x");
    assertEquals(1, count("outer@x"));
    assertEquals(0, count("nested@x"));
  }

  @Test
  void aReadOnlyTransactionRefusesQuarrysWrite() {
    QuarryException refused = assertThrows(QuarryException.class, () -> service.writeInReadOnly("read-only@x"));
    assertEquals("25006", refused.sqlState());
    assertEquals(0, count("read-only@x"));
  }

  @Test
  void quarryRunsAtTheTransactionsIsolation() {
    assertEquals("serializable", service.isolationSeenByQuarry());
    assertEquals("read committed", tx.execute(s -> db.withConnection(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SHOW transaction_isolation")) {
        rs.next();
        return rs.getString(1);
      }
    })));
  }

  @Test
  void aCaughtQuarryFailureStillMarksTheTransactionRollbackOnly() {
    customers.insert(new Customer(null, "taken@x", "first"));
    assertThrows(UnexpectedRollbackException.class, () -> service.catchesADuplicate("taken@x"));
    assertEquals(0, count("taken@x.first"), "work before the failure must not be committed");
  }

  /** Custom statements that change data run in the Spring transaction, and fail it as any other statement does. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"list", "optional", "batch"})
  void aCaughtFailureOfACustomStatementStillMarksTheTransactionRollbackOnly(String shape) {
    String email = "taken-" + shape + "@x";
    customers.insert(new Customer(null, email, "first"));
    assertThrows(UnexpectedRollbackException.class, () -> tx.executeWithoutResult(s -> {
      customers.insert(new Customer(null, email + ".first", "kept?"));
      try {
        switch (shape) {
          case "list" -> customers.insertReturningIds(email, "duplicate");
          case "optional" -> customers.insertReturningId(email, "duplicate");
          default -> customers.insertEach(List.of(new Customer(null, email, "duplicate")));
        }
      } catch (UniqueViolationException swallowed) {
        // an application that carries on: the commit must not pretend all is well
      }
    }));
    assertEquals(0, count(email + ".first"), "work before the failure must not be committed");
    assertEquals(1, customers.insertReturningIds(email + ".alone", "x").size(), "outside a transaction it commits");
    assertEquals(1, count(email + ".alone"));
  }

  @Test
  void databaseTransactionInsideASpringTransactionCommitsAndRollsBackWithIt() {
    tx.executeWithoutResult(s -> db.transaction(() -> customers.insert(new Customer(null, "unit@x", "u"))));
    assertEquals(1, count("unit@x"));

    TransactionTemplate required = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    required.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    assertThrows(IllegalStateException.class, () -> required.executeWithoutResult(s -> {
      db.transaction(() -> customers.insert(new Customer(null, "unit-rolled-back@x", "u")));
      throw new IllegalStateException("the Spring transaction fails after the unit returned");
    }));
    assertEquals(0, count("unit-rolled-back@x"), "a unit inside a Spring transaction must not commit on its own");
  }

  @Test
  void aFailedUnitInsideASpringTransactionIsRolledBackToItsSavepointAlone() {
    tx.executeWithoutResult(s -> {
      customers.insert(new Customer(null, "kept@x", "k"));
      assertThrows(IllegalStateException.class, () -> db.transaction(() -> {
        customers.insert(new Customer(null, "undone@x", "u"));
        throw new IllegalStateException("the unit fails");
      }));
      customers.insert(new Customer(null, "after@x", "a"));
    });
    assertEquals(1, count("kept@x"));
    assertEquals(0, count("undone@x"));
    assertEquals(1, count("after@x"), "the Spring transaction stays usable after the unit's rollback");
  }

  @Test
  void aUnitAskingForAnotherIsolationThanTheSpringTransactionIsRefused() {
    assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(s -> db.transaction(
        dev.quarry.runtime.TxOptions.defaults().isolation(dev.quarry.runtime.TxOptions.Isolation.SERIALIZABLE),
        () -> customers.insert(new Customer(null, "refused@x", "r")))));
    assertEquals(0, count("refused@x"));
  }

  @Test
  void outsideASpringTransactionItBehavesAsDatabaseOf() {
    customers.insert(new Customer(null, "auto@x", "a"));
    assertEquals(1, count("auto@x"));
    assertThrows(IllegalStateException.class, () -> db.transaction(() -> {
      customers.insert(new Customer(null, "own-unit@x", "o"));
      throw new IllegalStateException("boom");
    }));
    assertEquals(0, count("own-unit@x"));
    assertTrue(db.withConnection(java.sql.Connection::getAutoCommit));
    assertFalse(db.inTransaction());
  }
}
