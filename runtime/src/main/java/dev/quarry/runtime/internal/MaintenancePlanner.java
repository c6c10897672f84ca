package dev.quarry.runtime.internal;

import dev.quarry.runtime.internal.PartitionSlots.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides what partition maintenance should do, from the partitions that exist and the slot
 * that holds "now": pure Java, no database, so it can be tested over every zone and interval.
 * {@code PartitionManager} runs what it decides, re-checking each step under the table's lock.
 *
 * <p>The window is every slot from {@code retain} slots before the current one to
 * {@code premake} slots after it. A plan makes every slot of the window present, however long
 * maintenance did not run (no holes), and drops only partitions that end at or before the
 * window's first slot. With {@code retain = 0} nothing is dropped, and the window reaches back
 * to the newest partition before now, so a missed run leaves no hole either (at most
 * {@link #MAX_GAP} slots; a wider gap is reported, for {@code ensure} to fill). For integer keys
 * the slots behind the current one are made only from the oldest partition on.
 */
public final class MaintenancePlanner {
  /** The most slots one run creates to close a gap behind now when nothing is retained. */
  public static final int MAX_GAP = 100;

  /** A partition as the catalog holds it, bounds as positions. */
  public record Existing(String name, long lower, long upper, boolean isDefault, boolean detachPending) {}

  /**
   * What to do, in this order.
   *
   * @param finish partitions left {@code DETACH PENDING}: finish and drop them
   * @param create slots to create, oldest first
   * @param drop partitions past retention, oldest first
   * @param warnings what will not be done, and why
   */
  public record Plan(List<String> finish, List<Slot> create, List<String> drop, List<String> warnings) {}

  private final PartitionSlots slots;
  private final PartitionSpec spec;

  public MaintenancePlanner(PartitionSlots slots) {
    this.slots = slots;
    this.spec = slots.spec();
  }

  /** Every slot of the window around {@code current}, oldest first. */
  public List<Slot> window(Slot current) {
    List<Slot> window = new ArrayList<>();
    for (Slot s = slots.shift(current, -spec.retain()); s.lower() <= current.lower(); s = slots.next(s)) {
      window.add(s);
    }
    Slot s = current;
    for (int i = 0; i < spec.premake(); i++) {
      s = slots.next(s);
      window.add(s);
    }
    return window;
  }

  /** Where retention starts: partitions ending at or before this position are dropped. */
  public long retentionCutoff(Slot current) {
    return slots.shift(current, -spec.retain()).lower();
  }

  /** The plan of one maintenance run whose current slot is {@code current}. */
  public Plan maintain(Slot current, List<Existing> existing) {
    List<String> warnings = new ArrayList<>();
    List<Slot> wanted = new ArrayList<>();
    if (spec.retain() == 0) {
      wanted.addAll(gapBehind(current, existing, warnings));
    }
    List<Slot> window = window(current);
    if (!spec.timeKey()) {
      // Integer keys have no calendar to be behind on: slots behind the current one are made
      // only where partitions already reach (no negative ranges for a table of fresh ids).
      long oldest = existing.stream().filter(p -> !p.isDefault()).mapToLong(Existing::lower).min().orElse(current.lower());
      window.removeIf(s -> s.lower() < Math.min(oldest, current.lower()));
    }
    wanted.addAll(window);
    List<Slot> create = missing(wanted, existing, warnings);
    List<String> drop = new ArrayList<>();
    if (spec.retain() > 0) {
      long cutoff = retentionCutoff(current);
      existing.stream()
          .filter(p -> !p.isDefault() && !p.detachPending() && p.upper() <= cutoff)
          .sorted(Comparator.comparingLong(Existing::lower))
          .forEach(p -> drop.add(p.name()));
    }
    List<String> finish = existing.stream().filter(Existing::detachPending).map(Existing::name).toList();
    return new Plan(finish, create, drop, warnings);
  }

  /** The plan of {@code ensure}: every slot of {@code covering} present, nothing dropped. */
  public Plan ensure(List<Slot> covering, Slot current, List<Existing> existing) {
    List<String> warnings = new ArrayList<>();
    List<Slot> create = missing(covering, existing, warnings);
    if (spec.retain() > 0) {
      long cutoff = retentionCutoff(current);
      for (Slot s : create) {
        if (s.upper() <= cutoff) {
          warnings.add(s.name() + " lies before the " + spec.retain() + " partitions retain keeps, so the next"
              + " maintain() drops it again");
        }
      }
    }
    return new Plan(List.of(), create, List.of(), warnings);
  }

  /** The slots holding {@code [from, to)}, oldest first. */
  public List<Slot> covering(Slot first, long to) {
    List<Slot> out = new ArrayList<>();
    for (Slot s = first; s.lower() < to; s = slots.next(s)) {
      out.add(s);
    }
    return out;
  }

  /**
   * With nothing retained, the slots between the newest partition before {@code current} and
   * {@code current}: a run missed for a while must not leave days without a partition.
   */
  private List<Slot> gapBehind(Slot current, List<Existing> existing, List<String> warnings) {
    long newestEnd = existing.stream()
        .filter(p -> !p.isDefault() && !p.detachPending() && p.upper() <= current.lower() && p.upper() != Long.MAX_VALUE)
        .mapToLong(Existing::upper).max().orElse(current.lower());
    if (newestEnd >= current.lower()) {
      return List.of();
    }
    List<Slot> gap = new ArrayList<>();
    for (Slot s = slots.slotAt(newestEnd); s.lower() < current.lower(); s = slots.next(s)) {
      if (gap.size() == MAX_GAP) {
        warnings.add("no partition covers " + s.name() + " up to " + current.name() + "; ensure(from, to) creates them");
        return gap;
      }
      gap.add(s);
    }
    return gap;
  }

  /** The slots with no partition of exactly their bounds; one overlapping other bounds is reported, not made. */
  private static List<Slot> missing(List<Slot> wanted, List<Existing> existing, List<String> warnings) {
    List<Slot> create = new ArrayList<>();
    for (Slot s : wanted) {
      Existing clash = null;
      boolean present = false;
      for (Existing p : existing) {
        if (p.isDefault()) {
          continue;
        }
        if (p.lower() == s.lower() && p.upper() == s.upper() && !p.detachPending()) {
          present = true;
        } else if (p.lower() < s.upper() && s.lower() < p.upper() && !p.detachPending()) {
          clash = p;
        }
      }
      if (present) {
        continue;
      }
      if (clash != null) {
        warnings.add(overlap(clash.name(), s.name()));
      } else {
        create.add(s);
      }
    }
    return create;
  }

  /** The warning for a wanted slot that an existing partition with other bounds overlaps. */
  public static String overlap(String partition, String slot) {
    return "partition " + partition + " overlaps the wanted " + slot + " with other bounds, so " + slot
        + " was not created; was the interval or zone changed? Move its rows and drop it";
  }
}
