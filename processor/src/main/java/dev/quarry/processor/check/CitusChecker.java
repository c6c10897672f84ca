package dev.quarry.processor.check;

import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.DistributionModel;
import dev.quarry.processor.model.DistributionModel.Kind;
import dev.quarry.processor.model.DistributionModel.Placement;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.IndexModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.UniqueKeyModel;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules Citus imposes on distributed and reference tables (Citus documentation, "Table
 * Co-Location" and "Creating and Modifying Distributed Objects"), checked before any DDL is
 * written, and the reads that would run on every shard, reported as warnings.
 */
final class CitusChecker {
  private final Diagnostics diagnostics;

  CitusChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void check(TableModel table, DistributionModel d) {
    d.column().ifPresent(column -> checkDistributed(table, d, column));
    if (d.isReference() && table.partitioning().isPresent()) {
      diagnostics.error(table.element(), d.mirror(), Messages.citusPartitioned());
    }
    for (ForeignKeyModel fk : table.foreignKeys()) {
      checkForeignKey(d, fk, d.targets().getOrDefault(fk.targetRecord(), Placement.LOCAL));
    }
  }

  private void checkDistributed(TableModel table, DistributionModel d, ColumnModel column) {
    if (!column.id()) {
      diagnostics.error(column.element(), Messages.distributionKeyNotInPk(column.name()));
    }
    for (UniqueKeyModel key : table.uniqueKeys()) {
      if (!key.columns().contains(column)) {
        diagnostics.error(key.element(), key.mirror(), Messages.uniqueWithoutDistributionColumn(names(key.columns()), column.name()));
      }
    }
    for (IndexModel index : table.indexes()) {
      if (index.unique() && index.columns().stream().noneMatch(p -> p.column() == column)) {
        diagnostics.error(index.element(), index.mirror(), Messages.uniqueWithoutDistributionColumn(
            names(index.columns().stream().map(IndexModel.Part::column).toList()), column.name()));
      }
    }
    d.colocateWith().ifPresent(c -> {
      if (!c.placement().distributed()) {
        diagnostics.error(table.element(), d.mirror(), Messages.colocateWithNotDistributed(c.record()));
      } else if (!c.placement().columnType().equalsIgnoreCase(column.sqlType())) {
        diagnostics.error(table.element(), d.mirror(),
            Messages.colocateWithType(c.record(), c.placement().columnType(), column.name(), column.sqlType()));
      }
    });
    if (!d.fanOutSuppressed()) {
      warnFanOut(table, d, column);
    }
  }

  private void checkForeignKey(DistributionModel d, ForeignKeyModel fk, Placement target) {
    ColumnModel c = fk.column();
    Kind from = d.placement().kind();
    if (from == Kind.REFERENCE && target.distributed()) {
      diagnostics.error(c.element(), Messages.referenceToDistributed(c.name(), fk.targetTable()));
    } else if (from == Kind.REFERENCE && target.kind() == Kind.LOCAL) {
      diagnostics.error(c.element(), Messages.citusReferenceToLocal(c.name(), fk.targetTable()));
    } else if (from == Kind.LOCAL && target.distributed()) {
      diagnostics.error(c.element(), Messages.citusLocalToDistributed(c.name(), fk.targetTable()));
    } else if (from == Kind.DISTRIBUTED && target.kind() == Kind.LOCAL) {
      diagnostics.error(c.element(), Messages.citusDistributedToLocal(c.name(), fk.targetTable()));
    } else if (from == Kind.DISTRIBUTED && target.distributed()) {
      checkDistributedForeignKey(d, fk, target);
    }
  }

  /**
   * Between distributed tables, Citus checks a foreign key inside each shard, so both tables
   * must be colocated and the key must run from one distribution column to the other.
   */
  private void checkDistributedForeignKey(DistributionModel d, ForeignKeyModel fk, Placement target) {
    ColumnModel c = fk.column();
    if (!target.colocationGroup().equals(d.placement().colocationGroup())) {
      diagnostics.error(c.element(), Messages.citusNotColocated(c.name(), fk.targetTable(),
          simpleName(target.colocationGroup())));
    } else if (d.column().map(col -> col != c).orElse(true) || !fk.targetColumn().equals(target.column())) {
      diagnostics.error(c.element(), Messages.citusForeignKeyOffDistribution(c.name(), fk.targetTable(),
          d.column().map(ColumnModel::name).orElse("?"), target.column()));
    }
  }

  /** Each generated read that cannot name a shard, once per kind of read. */
  private void warnFanOut(TableModel table, DistributionModel d, ColumnModel column) {
    // Slices take no distribution value, so even an order that starts with it visits every shard.
    table.keyset().ifPresent(k ->
        diagnostics.warning(table.element(), k.mirror(), Messages.distributedFanOut("@KeysetPaged's slices", column.name())));
    table.fullText().ifPresent(f ->
        diagnostics.warning(table.element(), f.mirror(), Messages.distributedFanOut("@FullText's search", column.name())));
    for (ForeignKeyModel fk : table.foreignKeys()) {
      if (fk.column() != column) {
        diagnostics.warning(fk.column().element(), null,
            Messages.distributedFanOut("findBy" + fk.column().capitalized() + "/findBy" + fk.column().capitalized() + "In", column.name()));
      }
    }
    table.partitioning().filter(p -> p.isRange() && p.key() != column).ifPresent(p ->
        diagnostics.warning(table.element(), p.mirror(),
            Messages.distributedFanOut("findBy" + p.key().capitalized() + "Between", column.name())));
  }

  private static String names(List<ColumnModel> columns) {
    return columns.stream().map(ColumnModel::name).collect(Collectors.joining(", "));
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
