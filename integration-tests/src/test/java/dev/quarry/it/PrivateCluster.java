package dev.quarry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of a test's own, made with {@code initdb} on a free loopback port under a
 * temporary directory and removed by {@link #close()}: for tests that stop servers or need a
 * streaming standby, which must never touch the shared server. Uses the PostgreSQL 15 binaries
 * Debian installs; a test is skipped where they are missing. As root, the server runs as the
 * {@code postgres} user, since PostgreSQL refuses to run as root.
 */
final class PrivateCluster implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path root;
  private final Path data;
  private final int port;
  private boolean running;

  private PrivateCluster(Path root, int port) {
    this.root = root;
    this.data = root.resolve("data");
    this.port = port;
  }

  /** A new primary, started, with streaming replication allowed from loopback. */
  static PrivateCluster primary() {
    Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("initdb")), "PostgreSQL 15 server binaries are not installed");
    PrivateCluster cluster = new PrivateCluster(tempDirectory(), freePort());
    cluster.run(BIN.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", "postgres", "-A", "trust",
        "--no-sync", "-E", "UTF8", "--locale=C");
    cluster.configure();
    cluster.append("pg_hba.conf", "host replication all 127.0.0.1/32 trust\n");
    cluster.start();
    return cluster;
  }

  /** A hot standby of this server, streaming from it ({@code pg_basebackup -R}), started. */
  PrivateCluster standby() {
    PrivateCluster standby = new PrivateCluster(tempDirectory(), freePort());
    standby.run(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
        "-D", standby.data.toString(), "-R", "-X", "stream", "--no-sync");
    standby.configure();
    standby.start();
    return standby;
  }

  /** The JDBC URL of database {@code postgres} on this server. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  void start() {
    run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
        "-w", "-t", "60", "start");
    running = true;
  }

  /** Stops the server at once, as a crash or a lost host would ({@code pg_ctl -m immediate}). */
  void stop() {
    run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    running = false;
  }

  /**
   * {@code pg_ctl restart -m fast}: every session is terminated (SQLSTATE 57P01), the server
   * shuts down cleanly and comes back on the same port.
   */
  void restart() {
    run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
        "-m", "fast", "-w", "-t", "60", "restart");
    running = true;
  }

  /** Sends {@code signal} ({@code STOP}, {@code CONT}) to one backend process of this server. */
  void signal(String signal, int pid) {
    run("kill", "-" + signal, String.valueOf(pid));
  }

  @Override
  public void close() {
    try {
      if (running) {
        stop();
      }
    } finally {
      deleteTree(root);
    }
  }

  /** Settings after the test's own needs: its port, no fsync (nothing here must survive a crash). */
  private void configure() {
    append("postgresql.conf", String.join("\n",
        "port = " + port,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = '" + root + "'",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "shared_buffers = 16MB",
        "max_wal_senders = 4",
        "wal_level = replica",
        "hot_standby = on",
        "hot_standby_feedback = on",
        "wal_receiver_status_interval = 1s",
        "log_min_messages = warning",
        ""));
  }

  private void append(String file, String text) {
    try {
      Files.writeString(data.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run(String... command) {
    List<String> line = new ArrayList<>();
    if (isRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output + serverLog());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String serverLog() {
    try {
      Path log = root.resolve("server.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path tempDirectory() {
    try {
      Path dir = Files.createTempDirectory("quarry-pg-");
      if (isRoot()) {
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

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
