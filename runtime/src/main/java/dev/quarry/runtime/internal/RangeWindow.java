package dev.quarry.runtime.internal;

import static dev.quarry.runtime.internal.SqlNames.quote;

import dev.quarry.runtime.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The RANGE partitions a new table needs at once, so a database migrated only by a script
 * accepts inserts before {@code partitions().maintain()} first runs: the window maintenance
 * keeps ({@link MaintenancePlanner#window}), from {@code retain} slots behind now to
 * {@code premake} ahead. An integer key starts from 0.
 */
public final class RangeWindow {
  private RangeWindow() {}

  public static List<String> statements(TableDefinition table, TableDefinition.Partitioning p, Instant now) {
    PartitionSpec spec = spec(table, p);
    PartitionSlots slots = new PartitionSlots(spec);
    List<String> statements = new ArrayList<>();
    PartitionSlots.Slot current = spec.timeKey() ? slots.slotOf(now) : slots.slotOf(0L);
    for (PartitionSlots.Slot slot : new MaintenancePlanner(slots).window(current)) {
      statements.add("CREATE TABLE IF NOT EXISTS " + quote(slot.name()) + " PARTITION OF " + quote(table.name())
          + " FOR VALUES FROM (" + slot.lowerLiteral() + ") TO (" + slot.upperLiteral() + ")");
    }
    return statements;
  }

  /** The maintenance spec a definition describes. */
  public static PartitionSpec spec(TableDefinition table, TableDefinition.Partitioning p) {
    List<String> stored = table.columns().stream().filter(c -> c.generated().isEmpty())
        .map(TableDefinition.Column::name).toList();
    return new PartitionSpec(table.name(), p.prefix(), p.column(), p.keyType(), p.strategy(), p.interval(), p.step(),
        p.premake(), p.retain(), p.zone(), p.defaultPartition(), p.manager(), stored);
  }
}
