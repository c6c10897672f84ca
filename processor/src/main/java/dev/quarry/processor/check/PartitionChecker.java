package dev.quarry.processor.check;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.PartitionModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.UniqueKeyModel;
import dev.quarry.processor.sql.Partitions;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/** The rules PostgreSQL imposes on a partitioned table, checked before any DDL is written. */
final class PartitionChecker {
  private static final Set<ColumnKind> LIST_KEYS =
      EnumSet.of(ColumnKind.STRING, ColumnKind.ENUM, ColumnKind.INT, ColumnKind.LONG, ColumnKind.SHORT, ColumnKind.BOOLEAN);

  private final Diagnostics diagnostics;

  PartitionChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void check(TableModel table, PartitionModel p) {
    Element record = table.element();
    ColumnModel key = p.key();
    if (!key.id()) {
      diagnostics.error(key.element(), Messages.partitionKeyNotInPk(key.name()));
    }
    for (UniqueKeyModel u : table.uniqueKeys()) {
      if (!u.columns().contains(key)) {
        diagnostics.error(u.element(), u.mirror(), Messages.uniqueWithoutPartitionKey(
            u.columns().stream().map(ColumnModel::name).collect(Collectors.joining(", ")), key.name()));
      }
    }
    switch (p.strategy()) {
      case "RANGE" -> checkRange(table, p);
      case "LIST" -> checkList(table, p);
      default -> checkHash(table, p);
    }
    if (!p.manager().equals("BUILT_IN") && !p.isRange()) {
      diagnostics.error(record, p.mirror(), Messages.partmanStrategy(p.strategy()));
    }
    Set<String> names = new HashSet<>();
    for (String name : Partitions.fixedNames(table, p)) {
      if (!names.add(name)) {
        diagnostics.error(record, p.mirror(), Messages.duplicateName(name, "partition"));
      }
    }
  }

  private void checkRange(TableModel table, PartitionModel p) {
    ColumnModel key = p.key();
    if (!p.timeKey() && !key.kind().isInteger()) {
      diagnostics.error(table.element(), p.mirror(), Messages.partitionKeyType("RANGE", key.name(), key.type().toString()));
    } else if (key.kind().isInteger() && p.step() <= 0) {
      diagnostics.error(table.element(), p.mirror(), Messages.partitionStep(key.name()));
    }
    if (p.premake() < 0 || p.retain() < 0) {
      diagnostics.error(table.element(), p.mirror(), Messages.partitionCounts(p.premake(), p.retain()));
    } else if (p.premake() + p.retain() + 1 > 100) {
      diagnostics.warning(table.element(), p.mirror(), Messages.tooManyPartitions(p.premake() + p.retain() + 1));
    }
    if (p.timeKey()) {
      try {
        ZoneId zone = ZoneId.of(p.zone());
        if (p.interval().equals("HOURLY") && !(zone.normalized() instanceof ZoneOffset)) {
          diagnostics.error(table.element(), p.mirror(), Messages.partitionZoneDaylightSaving(p.zone()));
        }
      } catch (RuntimeException e) {
        diagnostics.error(table.element(), p.mirror(), Messages.partitionZoneUnknown(p.zone()));
      }
    }
  }

  private void checkList(TableModel table, PartitionModel p) {
    ColumnModel key = p.key();
    if (!LIST_KEYS.contains(key.kind())) {
      diagnostics.error(table.element(), p.mirror(), Messages.partitionKeyType("LIST", key.name(), key.type().toString()));
      return;
    }
    if (p.lists().isEmpty()) {
      diagnostics.error(table.element(), p.mirror(), Messages.listWithoutLists());
    }
    for (PartitionModel.ListPartition list : p.lists()) {
      for (String value : list.values()) {
        if (!validValue(key, value)) {
          diagnostics.error(table.element(), p.mirror(), Messages.listValue(value, key.name(), key.type().toString()));
        }
      }
    }
  }

  private void checkHash(TableModel table, PartitionModel p) {
    if (p.defaultPartition()) {
      diagnostics.error(table.element(), p.mirror(), Messages.hashDefault());
    }
    if (p.modulus() < 2) {
      diagnostics.error(table.element(), p.mirror(), Messages.hashModulus(p.modulus()));
    }
  }

  private static boolean validValue(ColumnModel key, String value) {
    try {
      switch (key.kind()) {
        case INT -> Integer.parseInt(value);
        case LONG -> Long.parseLong(value);
        case SHORT -> Short.parseShort(value);
        case BOOLEAN -> {
          return value.equals("true") || value.equals("false");
        }
        case ENUM -> {
          TypeElement e = (TypeElement) ((DeclaredType) key.type()).asElement();
          return e.getEnclosedElements().stream()
              .anyMatch(c -> c.getKind() == ElementKind.ENUM_CONSTANT && c.getSimpleName().contentEquals(value));
        }
        default -> {
          return true;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
