package dev.quarry.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Counts the statements prepared through a data source: proof that a DAO call is one query. */
final class CountingDataSource {
  final AtomicInteger statements = new AtomicInteger();
  final DataSource dataSource;

  CountingDataSource(DataSource target) {
    this.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (method.getName().equals("getConnection")) {
            return counting((Connection) result);
          }
          return result;
        });
  }

  private Connection counting(Connection c) {
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
        statements.incrementAndGet();
      }
      return invoke(c, method, args);
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
