package dev.quarry.it;

import dev.quarry.runtime.TransientDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Two units of work started together, for tests of lock order. */
final class DeadlockRace {
  private DeadlockRace() {}

  /**
   * Runs {@code a} and {@code b} at once from a barrier and returns how many died as deadlock
   * victims (40P01). Any other failure fails the caller.
   */
  static int deadlocks(Runnable a, Runnable b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CyclicBarrier start = new CyclicBarrier(2);
    AtomicInteger deadlocks = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (Runnable r : List.of(a, b)) {
      done.add(pool.submit(() -> {
        start.await();
        try {
          r.run();
        } catch (TransientDataException e) {
          if ("40P01".equals(e.sqlState())) {
            deadlocks.incrementAndGet();
          } else {
            throw e;
          }
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return deadlocks.get();
  }
}
