package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Slice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Matrix row 29: keyset paging while another thread inserts rows before and after the cursor
 * and deletes rows. Every row present throughout appears exactly once, no row appears twice,
 * and the pages follow the key order (priority, title, id) without going back.
 */
class KeysetChurnTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int STABLE = 2000;
  static final int PAGE = 97;
  static final Comparator<Ticket> ORDER = Comparator.comparingInt(Ticket::priority)
      .thenComparing(Ticket::title).thenComparing(t -> t.id().toString()); // uuid order: unsigned bytes

  static TicketDao tickets;

  @BeforeAll
  static void schema() {
    pg.apply(TicketSchema.statements());
    tickets = new TicketDao(pg.db());
  }

  @Test
  void everyStableRowExactlyOnceWhileOthersComeAndGo() throws Exception {
    SplittableRandom r = new SplittableRandom(29);
    List<Ticket> stable = new ArrayList<>();
    for (int i = 0; i < STABLE; i++) {
      // Few priorities and titles: many ties, broken by the id.
      stable.add(new Ticket(UUID.randomUUID(), r.nextInt(50), String.format("t%02d", r.nextInt(20)), Color.RED));
    }
    tickets.insertAll(stable);
    Set<UUID> stableIds = new HashSet<>();
    stable.forEach(t -> stableIds.add(t.id()));

    AtomicBoolean paging = new AtomicBoolean(true);
    AtomicInteger churned = new AtomicInteger();
    ExecutorService churn = Executors.newSingleThreadExecutor();
    Future<?> writer = churn.submit(() -> {
      SplittableRandom cr = new SplittableRandom(31);
      List<UUID> mine = new ArrayList<>();
      while (paging.get()) {
        Ticket t = new Ticket(UUID.randomUUID(), cr.nextInt(50), String.format("t%02d", cr.nextInt(20)), Color.BLUE);
        tickets.insert(t);
        mine.add(t.id());
        if (mine.size() > 20) {
          tickets.delete(mine.remove(cr.nextInt(mine.size())));
        }
        churned.incrementAndGet();
      }
      return null;
    });

    Map<UUID, Integer> seen = new HashMap<>();
    List<Ticket> all = new ArrayList<>();
    Slice<Ticket> slice = tickets.firstSlice(PAGE);
    int pages = 1;
    while (true) {
      for (Ticket t : slice.items()) {
        seen.merge(t.id(), 1, Integer::sum);
        all.add(t);
      }
      Optional<Cursor> next = slice.next();
      if (next.isEmpty()) {
        break;
      }
      slice = tickets.sliceAfter(next.get(), PAGE);
      pages++;
    }
    paging.set(false);
    writer.get(30, TimeUnit.SECONDS);
    churn.shutdown();

    assertTrue(churned.get() > 0, "the churn ran while paging");
    for (UUID id : stableIds) {
      assertEquals(1, seen.getOrDefault(id, 0), "stable row " + id);
    }
    seen.forEach((id, n) -> assertEquals(1, n, "no row twice: " + id));
    for (int i = 1; i < all.size(); i++) {
      assertTrue(ORDER.compare(all.get(i - 1), all.get(i)) < 0, "pages follow the key order at " + i);
    }
    assertTrue(pages >= STABLE / PAGE, "paged " + pages + " pages");
  }
}
