package dev.quarry.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The example with no PostgreSQL configured: QUARRY_JDBC_URL unset and nothing listening on the
 * default address (a port just released stands in for 5432), so it must start the embedded
 * PostgreSQL, say so, and run every step there.
 */
class ExampleAppTest {
  @Test
  void runsEndToEndOnTheEmbeddedPostgresWhenNothingAnswers() throws Exception {
    int silentPort;
    try (ServerSocket s = new ServerSocket(0)) {
      silentPort = s.getLocalPort();
    }
    assertFalse(ExampleDatabase.answers("127.0.0.1", silentPort));

    try (ExampleDatabase db = ExampleDatabase.resolve(null, "127.0.0.1", silentPort, "jdbc:unused")) {
      assertTrue(db.description().startsWith("embedded PostgreSQL on port "), db.description());
      assertTrue(db.description().contains("127.0.0.1:" + silentPort), db.description());
      String out = captured(() -> ExampleApp.run(db.url()));
      assertTrue(out.contains("owner 2 has 1 document\n"), out);
      assertTrue(out.endsWith("example finished\n"), out);
    }
  }

  @Test
  void theEnvironmentWinsOverProbing() throws Exception {
    try (ExampleDatabase db = ExampleDatabase.resolve("jdbc:postgresql://db.example/app", "127.0.0.1", 1, "jdbc:unused")) {
      assertEquals("jdbc:postgresql://db.example/app", db.url());
      assertEquals("PostgreSQL from QUARRY_JDBC_URL", db.description());
    }
  }

  @Test
  void countsAgreeWithTheirNouns() {
    assertEquals("1 document", ExampleApp.count(1, "document"));
    assertEquals("0 documents", ExampleApp.count(0, "document"));
    assertEquals("3 documents", ExampleApp.count(3, "document"));
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String captured(Body body) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(original);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    original.print(out);
    return out;
  }
}
