package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class RuntimeTypesTest {
  /** UUIDs compare as PostgreSQL does: unsigned, most significant byte first. */
  private static int unsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  @Test
  void uuidV7IsVersion7VariantRfcAndStrictlyIncreasingEvenWithinOneMillisecond() {
    UUID previous = UuidV7.next();
    long start = System.currentTimeMillis();
    for (int i = 0; i < 200_000; i++) {
      UUID next = UuidV7.next();
      assertEquals(7, next.version());
      assertEquals(2, next.variant());
      assertTrue(unsigned(previous, next) < 0, previous + " then " + next);
      previous = next;
    }
    long stamp = UuidV7.timestamp(previous);
    assertTrue(stamp >= start && stamp <= System.currentTimeMillis() + 1_000, "timestamp is the Unix time in ms");
  }

  @Test
  void uuidV7StaysUniqueAcrossThreads() throws Exception {
    ConcurrentLinkedQueue<UUID> all = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 25_000; i++) {
          all.add(UuidV7.next());
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(100_000, new java.util.HashSet<>(all).size());
  }

  @Test
  void pageAndSliceSizesAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> Page.check(0, 10));
    assertThrows(IllegalArgumentException.class, () -> Page.checkSize(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Page.checkSize(1001));
    assertEquals("page size must be between 1 and 1000, was 1001", e.getMessage());
    assertEquals(3, new Page<>(List.of("a"), 1, 10, 21).totalPages());
    assertEquals(0, new Page<>(List.of(), 1, 10, 0).totalPages());
  }

  @Test
  void txOptionsAreImmutableAndChecked() {
    TxOptions serializable = TxOptions.defaults().isolation(TxOptions.Isolation.SERIALIZABLE).retries(3);
    assertEquals(0, TxOptions.defaults().retries());
    assertEquals(3, serializable.retries());
    assertEquals("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY", serializable.readOnly(true).openingStatements().get(0));
    assertThrows(IllegalArgumentException.class, () -> TxOptions.defaults().retries(-1));
  }
}
