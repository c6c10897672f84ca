package dev.quarry.spring;

import jakarta.persistence.EntityTransaction;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Rollback-only for the transactions of {@code JpaTransactionManager} (Spring Data JPA
 * applications). It exposes its transaction's connection to Quarry through a
 * {@code ConnectionHolder}, but decides commit or rollback by the JPA {@link EntityTransaction}
 * alone, so that is what a Quarry failure must mark. Loaded only when Spring's JPA support is on
 * the class path.
 */
final class JpaTransactions {
  static final boolean PRESENT = ClassUtils.isPresent("org.springframework.orm.jpa.EntityManagerHolder",
      JpaTransactions.class.getClassLoader())
      && ClassUtils.isPresent("jakarta.persistence.EntityTransaction", JpaTransactions.class.getClassLoader());

  private JpaTransactions() {}

  /**
   * Marks the resource-local JPA transaction of the calling thread rollback-only, when
   * {@code JpaTransactionManager} runs one: the active {@link EntityTransaction} of an
   * {@link EntityManagerHolder} bound to the Spring transaction.
   */
  static void markRollbackOnly() {
    for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
      if (resource instanceof EntityManagerHolder holder && holder.isSynchronizedWithTransaction()) {
        EntityTransaction transaction;
        try {
          transaction = holder.getEntityManager().getTransaction();
        } catch (IllegalStateException jta) {
          continue; // a JTA entity manager: its transaction manager binds no connection holder of its own
        }
        if (transaction.isActive()) {
          transaction.setRollbackOnly();
        }
      }
    }
  }
}
