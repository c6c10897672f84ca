package dev.quarry.runtime;

import java.util.List;

/**
 * What one {@link PartitionManager#maintain()} or {@link PartitionManager#ensure} run did.
 *
 * @param created partitions created, oldest first
 * @param dropped partitions dropped, oldest first
 * @param warnings what the run could not do or chose not to do, one sentence each, naming the
 *     partition or key: a lock it waited for in vain (the next run retries), a partition left
 *     {@code DETACH PENDING}, a range that overlaps a partition with other bounds, keys far
 *     outside the window that did not move it. Empty when all went to plan. Each is also logged
 *     at {@code WARNING} through {@link System.Logger} {@code dev.quarry.runtime.PartitionManager}.
 */
public record MaintenanceReport(List<String> created, List<String> dropped, List<String> warnings) {
  public MaintenanceReport {
    created = List.copyOf(created);
    dropped = List.copyOf(dropped);
    warnings = List.copyOf(warnings);
  }

  /** A report without warnings. */
  public MaintenanceReport(List<String> created, List<String> dropped) {
    this(created, dropped, List.of());
  }
}
