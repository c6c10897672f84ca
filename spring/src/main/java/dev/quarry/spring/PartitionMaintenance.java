package dev.quarry.spring;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.MaintenanceReport;
import dev.quarry.runtime.PartitionManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@code partitions().maintain()} for every DAO of a partitioned table every
 * {@code quarry.partitions.maintain-interval}, on a daemon thread of its own
 * ({@code quarry-partitions}). The first run happens at start-up ({@link QuarryStartup}); a
 * scheduled run that fails is logged and tried again at the next interval, as maintenance keeps
 * several partitions ahead. Each table is maintained on its own: one table's failure does not
 * skip the others. Safe with many application instances: the manager serializes them itself.
 */
final class PartitionMaintenance implements SmartLifecycle {
  private static final Log log = LogFactory.getLog(PartitionMaintenance.class);

  private final Database db;
  private final Duration interval;
  private final ClassLoader classLoader;
  private ScheduledExecutorService scheduler;

  PartitionMaintenance(Database db, Duration interval, ClassLoader classLoader) {
    this.db = db;
    this.interval = interval;
    this.classLoader = classLoader;
  }

  /**
   * Maintains every partitioned table once, and throws the first failure after trying them all.
   *
   * @return each table's report, in index order
   */
  static List<MaintenanceReport> runAll(Database db, List<String> daos, ClassLoader loader) {
    List<MaintenanceReport> reports = new ArrayList<>();
    RuntimeException failure = null;
    for (String dao : daos) {
      PartitionManager manager = manager(db, QuarryDaos.load(dao, loader));
      if (manager == null) {
        continue;
      }
      try {
        MaintenanceReport report = manager.maintain();
        reports.add(report);
        logReport(dao, report);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return reports;
  }

  /** The DAO's partition manager, or {@code null} when its table is not partitioned. */
  private static PartitionManager manager(Database db, Class<?> dao) {
    Method partitions;
    try {
      partitions = dao.getMethod("partitions");
    } catch (NoSuchMethodException e) {
      return null;
    }
    if (!PartitionManager.class.equals(partitions.getReturnType())) {
      return null;
    }
    try {
      Object instance = dao.getConstructor(Database.class).newInstance(db);
      return (PartitionManager) partitions.invoke(instance);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(dao.getName() + " could not give its PartitionManager", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(dao.getName() + " has no public constructor taking a Database; rebuild it", e);
    }
  }

  /**
   * What changed, at INFO, through the logging the application configured for Spring. The
   * warnings (a lock waited for in vain, a partition left {@code DETACH PENDING}, an overlapping
   * range, stray keys) are not repeated here: {@link PartitionManager} logs each one already, at
   * {@code WARNING} through {@link System.Logger}, which Spring Boot routes to the same logging.
   */
  private static void logReport(String dao, MaintenanceReport report) {
    if (!report.created().isEmpty() || !report.dropped().isEmpty()) {
      log.info("Quarry partition maintenance for " + dao + ": created " + report.created() + ", dropped " + report.dropped());
    }
  }

  @Override
  public synchronized void start() {
    if (interval.isZero() || scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "quarry-partitions");
      t.setDaemon(true);
      return t;
    });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::runScheduled, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void runScheduled() {
    try {
      runAll(db, QuarryDaos.read(classLoader), classLoader);
    } catch (RuntimeException e) {
      log.warn("Quarry partition maintenance failed; it runs again in " + interval, e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      // a run in progress finishes its current short transaction rather than being cut off
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
