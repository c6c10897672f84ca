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
        + ", max_wal_size " + show(c, "max_wal_size") + ", fsync " + show(c, "fsync") + ")" + idle();
  }

  /**
   * How idle CPUs wait, where Linux says: on a virtual machine with the {@code haltpoll} cpuidle
   * governor and {@code guest_halt_poll_ns} 0, a waiting vCPU halts at once and takes tens of
   * microseconds to wake. A round trip pays that whenever the backend answers on the other vCPU,
   * which happens to some statements and not to others, so single-row figures move by about
   * 40 µs per call with it (see benchmarks/README.md, "How it measures").
   */
  static String idle() {
    Path governor = Path.of("/sys/devices/system/cpu/cpuidle/current_governor_ro");
    Path haltPoll = Path.of("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
    try {
      String idle = Files.isReadable(governor) ? ", cpuidle " + Files.readString(governor).trim() : "";
      return idle + (Files.isReadable(haltPoll) ? ", guest_halt_poll_ns " + Files.readString(haltPoll).trim() : "");
    } catch (Exception e) {
      return "";
    }
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
