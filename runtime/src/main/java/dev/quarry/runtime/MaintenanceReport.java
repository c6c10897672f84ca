package dev.quarry.runtime;

import java.util.List;

/**
 * What one {@link PartitionManager#maintain()} run did.
 *
 * @param created partitions created, oldest first
 * @param dropped partitions dropped, oldest first
 */
public record MaintenanceReport(List<String> created, List<String> dropped) {
  public MaintenanceReport {
    created = List.copyOf(created);
    dropped = List.copyOf(dropped);
  }
}
