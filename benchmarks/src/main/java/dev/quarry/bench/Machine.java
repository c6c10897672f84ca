package dev.quarry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a run was measured on: written beside the figures, since they mean little without it. */
final class Machine {
  private Machine() {}

  /** The 1-minute load average, from /proc/loadavg where there is one. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  /** Cores, memory, JDK, PostgreSQL server version and the settings that move the figures. */
  static String describe(Connection c) throws SQLException {
    long memory = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
        }
      }
    } catch (Exception ignored) {
      // not Linux: leave memory out
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + (memory > 0 ? memory + " GiB, " : "")
        + "JDK " + System.getProperty("java.version") + ", pgjdbc " + org.postgresql.Driver.class.getPackage().getImplementationVersion()
        + ", PostgreSQL " + show(c, "server_version") + " (shared_buffers " + show(c, "shared_buffers")
        + ", max_wal_size " + show(c, "max_wal_size") + ", fsync " + show(c, "fsync") + ")";
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
