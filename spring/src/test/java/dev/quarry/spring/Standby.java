package dev.quarry.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL primary and its streaming hot standby, both the test's own: {@code initdb} on free
 * loopback ports under a temporary directory, {@code pg_basebackup -R} for the standby, removed
 * by {@link #close()}. Uses the PostgreSQL 15 binaries Debian installs; a test is skipped where
 * they are missing. As root, the servers run as the {@code postgres} user, since PostgreSQL
 * refuses to run as root. (The integration tests' {@code PrivateCluster} does the same and more.)
 */
final class Standby implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path root = tempDirectory();
  private final int primaryPort = freePort();
  private final int standbyPort = freePort();
  private final List<Path> running = new ArrayList<>();

  /** Starts the primary, gives its URL to {@code setUp}, then copies it into a standby and starts that. */
  static Standby start(Consumer<String> setUp) {
    Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("initdb")), "PostgreSQL 15 server binaries are not installed");
    Standby pair = new Standby();
    try {
      Path primary = pair.root.resolve("primary");
      pair.run(BIN.resolve("initdb").toString(), "-D", primary.toString(), "-U", "postgres", "-A", "trust",
          "--no-sync", "-E", "UTF8", "--locale=C");
      pair.configure(primary, pair.primaryPort);
      append(primary.resolve("pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n");
      pair.startServer(primary);
      setUp.accept(pair.primaryUrl());
      Path standby = pair.root.resolve("standby");
      pair.run(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(pair.primaryPort),
          "-U", "postgres", "-D", standby.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync");
      pair.configure(standby, pair.standbyPort);
      pair.startServer(standby);
      return pair;
    } catch (RuntimeException e) {
      pair.close();
      throw e;
    }
  }

  String primaryUrl() {
    return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres?user=postgres";
  }

  String standbyUrl() {
    return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres?user=postgres";
  }

  /** Runs {@code sql} on the standby ({@code SELECT pg_wal_replay_pause()}). */
  void onStandby(String sql) {
    execute(standbyUrl(), sql);
  }

  /**
   * Waits until the standby streams and has replayed everything the primary has inserted into
   * its WAL so far: the insert position, which read-your-writes compares with. A commit first
   * flushes the WAL up to there; an idle primary would otherwise leave the last page unsent
   * until its next background record, seconds away.
   */
  void awaitCaughtUp() throws SQLException, InterruptedException {
    String target;
    try (Connection c = DriverManager.getConnection(primaryUrl()); Statement s = c.createStatement()) {
      s.execute("SELECT txid_current()");
      try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
        rs.next();
        target = rs.getString(1);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = DriverManager.getConnection(standbyUrl()); Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn "
            + "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the standby did not catch up with " + target);
        }
        Thread.sleep(20);
      }
    }
  }

  @Override
  public void close() {
    try {
      for (int i = running.size() - 1; i >= 0; i--) {
        Path data = running.get(i);
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
      }
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void startServer(Path data) {
    run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolveSibling(data.getFileName() + ".log")
        .toString(), "-w", "-t", "60", "start");
    running.add(data);
  }

  /** Settings after the test's own needs: its port, no fsync (nothing here must survive a crash). */
  private void configure(Path data, int port) {
    append(data.resolve("postgresql.conf"), String.join("\n",
        "port = " + port,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = '" + root + "'",
        "fsync = off",
        "full_page_writes = off",
        "shared_buffers = 16MB",
        "max_wal_senders = 4",
        "wal_level = replica",
        "hot_standby = on",
        "wal_receiver_status_interval = 1s",
        "log_min_messages = warning",
        ""));
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private void run(String... command) {
    List<String> line = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDirectory() {
    try {
      Path dir = Files.createTempDirectory("quarry-spring-pg-");
      if ("root".equals(System.getProperty("user.name"))) {
        new ProcessBuilder("chown", "postgres:postgres", dir.toString()).inheritIO().start().waitFor();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
