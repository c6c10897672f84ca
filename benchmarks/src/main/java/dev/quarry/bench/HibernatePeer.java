package dev.quarry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM 7 through {@link StatelessSession}, its API for this kind of work (no persistence
 * context, no dirty checking, each call one statement). A stateless session per unit of work, as
 * the guide shows it. Configured for speed as its guide recommends: JDBC batching of 1000 with
 * insert and update ordering, SQL logging and statistics off, no schema tool. Entities are
 * classes, so each call builds one from the benchmark's record inside the timed region: the API
 * requires it.
 *
 * <p>An {@code IDENTITY} id cannot be batched (Hibernate needs each generated id back before the
 * next insert), so the identity-table load is measured both ways: with {@code IDENTITY}, and with
 * ids the application assigns.
 */
final class HibernatePeer implements AutoCloseable {
  private final SessionFactory factory;

  HibernatePeer(DataSource ds) {
    // Hibernate logs through JBoss Logging; route it to SLF4J, whose provider here prints warnings only.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    Configuration cfg = new Configuration()
        .addAnnotatedClass(HibernateModel.Event.class)
        .addAnnotatedClass(HibernateModel.Entry.class)
        .addAnnotatedClass(HibernateModel.AssignedEntry.class)
        .addAnnotatedClass(HibernateModel.Post.class)
        .setProperty("hibernate.jdbc.batch_size", String.valueOf(HandJdbc.BATCH))
        .setProperty("hibernate.order_inserts", "true")
        .setProperty("hibernate.order_updates", "true")
        .setProperty("hibernate.show_sql", "false")
        .setProperty("hibernate.generate_statistics", "false")
        .setProperty("hibernate.hbm2ddl.auto", "none")
        // No proxies are needed (no lazy associations), and the dialect is known: a faster boot.
        .setProperty("hibernate.bytecode.provider", "none")
        .setProperty("jakarta.persistence.database-product-name", "PostgreSQL")
        .setProperty("jakarta.persistence.database-major-version", "15")
        .setProperty("hibernate.boot.allow_jdbc_metadata_access", "false");
    cfg.getProperties().put("hibernate.connection.datasource", ds);
    this.factory = cfg.buildSessionFactory();
  }

  HibernateModel.Event findById(long id) {
    try (StatelessSession s = factory.openStatelessSession()) {
      return s.get(HibernateModel.Event.class, id);
    }
  }

  Object insert(BenchEvent e) {
    try (StatelessSession s = factory.openStatelessSession()) {
      return s.insert(HibernateModel.Event.of(e));
    }
  }

  void update(BenchEvent e) {
    try (StatelessSession s = factory.openStatelessSession()) {
      s.update(HibernateModel.Event.of(e));
    }
  }

  void insertAll(List<BenchEvent> rows) {
    factory.inStatelessTransaction(s -> s.insertMultiple(entities(rows, HibernateModel.Event::of)));
  }

  /** Into the identity table with {@code GenerationType.IDENTITY}: one round trip a row. */
  void insertAllIdentity(List<BenchEvent> rows) {
    factory.inStatelessTransaction(s -> s.insertMultiple(entities(rows, HibernateModel.Entry::of)));
  }

  /** Into the identity table with the ids the application assigns: batched. */
  void insertAllAssigned(List<BenchEvent> rows) {
    factory.inStatelessTransaction(s -> s.insertMultiple(entities(rows, HibernateModel.AssignedEntry::of)));
  }

  void upsertAll(List<BenchEvent> rows) {
    factory.inStatelessTransaction(s -> s.upsertMultiple(entities(rows, HibernateModel.Event::of)));
  }

  /** A seek in HQL: a row-value comparison, which Hibernate 6+ renders as one. */
  List<HibernateModel.Post> seekAfter(BenchPost at, int size) {
    try (StatelessSession s = factory.openStatelessSession()) {
      return s.createSelectionQuery("from Post p where (p.createdAt, p.id) < (:createdAt, :id) "
              + "order by p.createdAt desc, p.id desc", HibernateModel.Post.class)
          .setParameter("createdAt", at.createdAt())
          .setParameter("id", at.id())
          .setMaxResults(size)
          .getResultList();
    }
  }

  private static <T> List<T> entities(List<BenchEvent> rows, Function<BenchEvent, T> entity) {
    List<T> out = new ArrayList<>(rows.size());
    for (BenchEvent e : rows) {
      out.add(entity.apply(e));
    }
    return out;
  }

  @Override
  public void close() {
    factory.close();
  }
}
