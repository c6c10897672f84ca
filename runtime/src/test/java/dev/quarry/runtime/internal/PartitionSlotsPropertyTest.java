package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.runtime.internal.PartitionSlots.Slot;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
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
    // Zones that are links to one another share their rules, and so their slots: one of each.
    Map<ZoneRules, String> zones = new LinkedHashMap<>();
    new TreeSet<>(ZoneId.getAvailableZoneIds()).forEach(id -> zones.putIfAbsent(ZoneId.of(id).getRules(), id));
    long checked = 0;
    for (String zone : zones.values()) {
      ZoneId zoneId = ZoneId.of(zone);
      List<ZoneOffsetTransition> transitions = transitions(zoneId, from, to);
      for (String interval : INTERVALS) {
        if (interval.equals("HOURLY") && !zoneId.getRules().isFixedOffset()) {
          // Where clocks go back, a local hour happens twice (Antarctica/Troll: 01:00 and 02:00,
          // two hours apart), so no set of contiguous ranges holds "each instant in its local
          // hour": the processor refuses HOURLY outside fixed offsets.
          continue;
        }
        PartitionSlots slots = slots(zone, interval, "timestamptz");
        Set<String> names = new HashSet<>();
        Slot s = slots.slotOf(from);
        long end = slots.position(to);
        for (int i = 0; s.lower() < end; i++) {
          Slot slot = s;
          Supplier<String> where = () -> zone + " " + interval + " " + slot;
          assertTrue(s.lower() < s.upper(), where);
          assertTrue(names.add(s.name()), () -> where.get() + ": name used twice");
          assertHolds(slots, zoneId, s, s.lower(), where);
          assertHolds(slots, zoneId, s, s.upper() - 1, where);
          Instant inside = instant(s.lower() + (long) (random.nextDouble() * (s.upper() - s.lower())));
          if (!s.start().equals(slots.periodStart(LocalDateTime.ofInstant(inside, zoneId)))) {
            fail(where.get() + ": " + inside + " is in another local period");
          }
          Slot next = slots.next(s);
          assertEquals(s.upper(), next.lower(), () -> where.get() + ": the next slot must start where this one ends");
          if (i % 5 == 0) {
            assertEquals(s, slots.shift(next, -1), () -> where.get() + ": stepping back must return to this slot");
          }
          s = next;
          checked++;
        }
        for (ZoneOffsetTransition t : transitions) {
          for (long delta : new long[] {-1, 0, 1}) {
            Instant at = t.getInstant().plusSeconds(delta);
            assertHolds(slots, zoneId, slots.slotOf(at), slots.position(at), () -> zone + " " + interval + " around " + t);
          }
        }
      }
    }
    assertTrue(zones.size() > 300, "the tz database has some 600 zones, of some 350 distinct rules; found " + zones.size());
    assertTrue(checked > 250_000, "slots checked: " + checked);
  }

  /** The instant at {@code position} lies in {@code s}, and {@code s} is the slot of its local period. */
  static void assertHolds(PartitionSlots slots, ZoneId zone, Slot s, long position, Supplier<String> where) {
    Instant t = instant(position);
    if (position < s.lower() || position >= s.upper()) {
      fail(where.get() + ": " + t + " is outside the slot");
    }
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    if (!slots.periodStart(local).equals(s.start())) {
      fail(where.get() + ": " + t + " (local " + local + ") is in another period");
    }
    if (!s.equals(slots.slotOf(t))) {
      fail(where.get() + ": slotOf(" + t + ") is " + slots.slotOf(t));
    }
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
