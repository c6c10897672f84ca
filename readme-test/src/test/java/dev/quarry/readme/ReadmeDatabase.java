package dev.quarry.readme;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The database the README's code runs on: {@code QUARRY_JDBC_URL} when set, else the server on
 * 127.0.0.1:5432 when one answers, else an embedded PostgreSQL for the JVM's lifetime.
 */
final class ReadmeDatabase {
  private static String url;

  private ReadmeDatabase() {}

  static synchronized String url() throws IOException {
    if (url == null) {
      String fromEnv = System.getenv("QUARRY_JDBC_URL");
      if (fromEnv != null && !fromEnv.isBlank()) {
        url = fromEnv;
      } else if (answers()) {
        url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
      } else {
        @SuppressWarnings("resource") // removed by its shutdown hook
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        url = pg.getJdbcUrl("postgres", "postgres");
      }
    }
    return url;
  }

  private static boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
