package dev.quarry.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A data source that watches what is done to its connections and records two kinds of fault:
 * Quarry's code calling {@code commit}, {@code rollback()} or {@code setAutoCommit} on the
 * connection of a Spring transaction, and any connection handed back (closed) with auto-commit
 * off, which would leak a changed setting to its next borrower.
 */
final class WatchedDataSource extends DelegatingDataSource {
  private static final Set<String> TRANSACTION_CONTROL = Set.of("commit", "rollback", "setAutoCommit");

  final List<String> faults = new CopyOnWriteArrayList<>();

  WatchedDataSource(DataSource target) {
    super(target);
  }

  @Override
  public Connection getConnection() throws java.sql.SQLException {
    return watch(super.getConnection());
  }

  private Connection watch(Connection target) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          check(proxy, target, method, args);
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private void check(Object proxy, Connection target, Method method, Object[] args) throws java.sql.SQLException {
    String name = method.getName();
    if (name.equals("close") && !target.isClosed() && !target.getAutoCommit()) {
      faults.add("a connection went back to the pool with auto-commit off");
    }
    boolean noArgRollback = name.equals("rollback") && (args == null || args.length == 0);
    if ((noArgRollback || (TRANSACTION_CONTROL.contains(name) && !name.equals("rollback")))
        && springOwns(proxy) && calledByQuarry()) {
      faults.add("Quarry called " + name + " on a connection of a Spring transaction");
    }
  }

  private boolean springOwns(Object connection) {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.getResource(this) instanceof ConnectionHolder holder
        && holder.getConnectionHandle() != null && holder.getConnection() == connection;
  }

  private static boolean calledByQuarry() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("dev.quarry.runtime")));
  }
}
