package dev.quarry.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The one place tests find PostgreSQL: {@code QUARRY_JDBC_URL} when set, else the local server
 * on 127.0.0.1:5432 (user postgres, database test) when it answers, else a Testcontainers
 * PostgreSQL when Docker is available, else a failure that says how to provide one.
 */
public final class TestPostgres {
  static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private static String url;

  private TestPostgres() {}

  /** The JDBC URL of the database tests use, resolved once per JVM. */
  public static synchronized String url() {
    if (url == null) {
      url = resolve();
    }
    return url;
  }

  private static String resolve() {
    String fromEnv = System.getenv("QUARRY_JDBC_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (answers(LOCAL)) {
      return LOCAL;
    }
    if (dockerAvailable()) {
      return Containers.start();
    }
    throw new IllegalStateException("No PostgreSQL for the tests. Set QUARRY_JDBC_URL "
        + "(e.g. jdbc:postgresql://host:5432/db?user=u&password=p), or run PostgreSQL on "
        + "127.0.0.1:5432 with user postgres and database test (bash .ci/run starts one), "
        + "or make a Docker engine available for Testcontainers.");
  }

  private static boolean answers(String candidate) {
    Properties p = new Properties();
    p.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(candidate, p)) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean dockerAvailable() {
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  /** Kept apart so Testcontainers classes load only when Docker is there. */
  private static final class Containers {
    @SuppressWarnings("resource") // lives as long as the JVM; Ryuk removes it afterwards
    static String start() {
      org.testcontainers.containers.PostgreSQLContainer<?> pg =
          new org.testcontainers.containers.PostgreSQLContainer<>("postgres:15");
      pg.start();
      return pg.getJdbcUrl() + "&user=" + pg.getUsername() + "&password=" + pg.getPassword();
    }
  }
}
