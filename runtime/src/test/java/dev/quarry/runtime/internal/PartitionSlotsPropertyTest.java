package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.runtime.internal.PartitionSlots.Slot;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Over every zone of the JDK's tz database and every interval (HOURLY where the processor allows
 * it: fixed offsets), two years of slots around now:
 * consecutive slots touch exactly, every instant lies in the slot of its own local period,
 * names are unique. Instants checked: each slot's first and last microsecond, a random one
 * inside, and one second either side of every offset transition of the zone.
 */
class PartitionSlotsPropertyTest {
  static final List<String> INTERVALS = List.of("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY");
  static final long YEAR_SECONDS = 366L * 86_400;

  static PartitionSlots slots(String zone, String interval, String keyType) {
    return new PartitionSlots(new PartitionSpec("t", "t", "at", keyType, "RANGE", interval, 0, 2, 2, zone, false,
        "BUILT_IN", List.of("at")));
  }

  @Test
  void everyZoneEveryIntervalTwoYearsAroundNow() {
    Instant now = Instant.now();
    Instant from = now.minusSeconds(YEAR_SECONDS);
    Instant to = now.plusSeconds(YEAR_SECONDS);
    Random random = new Random(now.toEpochMilli());
    Set<String> zones = new TreeSet<>(ZoneId.getAvailableZoneIds());
    long checked = 0;
    for (String zone : zones) {
      List<ZoneOffsetTransition> transitions = transitions(ZoneId.of(zone), from, to);
      for (String interval : INTERVALS) {
        if (interval.equals("HOURLY") && !ZoneId.of(zone).getRules().isFixedOffset()) {
          // Where clocks go back, a local hour happens twice (Antarctica/Troll: 01:00 and 02:00,
          // two hours apart), so no set of contiguous ranges holds "each instant in its local
          // hour": the processor refuses HOURLY outside fixed offsets.
          continue;
        }
        PartitionSlots slots = slots(zone, interval, "timestamptz");
        ZoneId zoneId = ZoneId.of(zone);
        Set<String> names = new HashSet<>();
        Slot s = slots.slotOf(from);
        while (instant(s.lower()).isBefore(to)) {
          String where = zone + " " + interval + " " + s;
          assertTrue(s.lower() < s.upper(), where + ": empty");
          assertTrue(names.add(s.name()), where + ": name used twice");
          assertHolds(slots, s, instant(s.lower()), where);
          assertHolds(slots, s, instant(s.upper() - 1), where);
          Instant inside = instant(s.lower() + (long) (random.nextDouble() * (s.upper() - s.lower())));
          assertEquals(s.start(), slots.periodStart(LocalDateTime.ofInstant(inside, zoneId)), where + ": " + inside);
          Slot next = slots.next(s);
          assertEquals(s.upper(), next.lower(), where + ": the next slot must start where this one ends");
          assertEquals(s, slots.shift(next, -1), where + ": stepping back must return to this slot");
          s = next;
          checked++;
        }
        for (ZoneOffsetTransition t : transitions) {
          for (long delta : new long[] {-1, 0, 1}) {
            Instant at = t.getInstant().plusSeconds(delta);
            Slot holder = slots.slotOf(at);
            assertHolds(slots, holder, at, zone + " " + interval + " around the transition " + t);
          }
        }
      }
    }
    assertTrue(zones.size() > 500, "the tz database has some 600 zones, found " + zones.size());
    assertTrue(checked > 400_000, "slots checked: " + checked);
  }

  /** {@code t} lies in {@code s}, and {@code s} is the slot of {@code t}'s local period. */
  static void assertHolds(PartitionSlots slots, Slot s, Instant t, String where) {
    long p = slots.position(t);
    if (p < s.lower() || p >= s.upper()) {
      fail(where + ": " + t + " is outside the slot");
    }
    LocalDateTime local = LocalDateTime.ofInstant(t, ZoneId.of(slots.spec().zone()));
    assertEquals(slots.periodStart(local), s.start(), where + ": " + t + " (local " + local + ") is in another period");
    assertEquals(s, slots.slotOf(t), where + ": slotOf(" + t + ")");
  }

  static List<ZoneOffsetTransition> transitions(ZoneId zone, Instant from, Instant to) {
    List<ZoneOffsetTransition> out = new java.util.ArrayList<>();
    for (ZoneOffsetTransition t = zone.getRules().nextTransition(from); t != null && t.getInstant().isBefore(to);
        t = zone.getRules().nextTransition(t.getInstant())) {
      out.add(t);
    }
    return out;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
