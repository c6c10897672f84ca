package dev.quarry.processor.sql;

import static dev.quarry.processor.sql.Identifiers.quote;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.PartitionModel;
import dev.quarry.processor.model.TableModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * Partition names and the partitions the schema creates. Names follow pg_partman 5:
 * {@code events_p20260101}, {@code events_p20260101_030000}, {@code events_p1000000},
 * {@code events_p0}..{@code events_p7} (hash), {@code events_us} (list), {@code events_default}.
 * LIST and HASH partitions and the DEFAULT do not depend on the clock, so the schema creates
 * them; RANGE partitions are created by the runtime's maintenance, under the same prefix.
 */
public final class Partitions {
  /** {@code _p20260101_030000}: the longest suffix of an hourly partition. */
  private static final int HOURLY_SUFFIX = 17;
  /** {@code _p20260101}. */
  private static final int DAILY_SUFFIX = 10;
  /** {@code _pm9223372036854775808}: the longest integer lower bound. */
  private static final int INTEGER_SUFFIX = 22;

  private Partitions() {}

  /** {@code PARTITION BY RANGE (occurred_at)}. */
  public static String partitionBy(PartitionModel p) {
    return "PARTITION BY " + p.strategy() + " (" + quote(p.key().column()) + ")";
  }

  /**
   * The prefix every partition name starts with: the table name, or when a name could pass 63
   * bytes, the table name cut at a character boundary plus a hash of the whole, so the suffix
   * always survives and two long tables never share partition names.
   */
  public static String prefix(TableModel table, PartitionModel p) {
    String name = table.table();
    int longest = longestSuffix(p);
    if (name.getBytes(StandardCharsets.UTF_8).length + longest <= Identifiers.MAX_BYTES) {
      return name;
    }
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    return Identifiers.truncate(name, Identifiers.MAX_BYTES - longest - 9) + "_"
        + String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  private static int longestSuffix(PartitionModel p) {
    int longest = "_default".length();
    if (p.isRange()) {
      longest = Math.max(longest, !p.timeKey() ? INTEGER_SUFFIX : p.interval().equals("HOURLY") ? HOURLY_SUFFIX : DAILY_SUFFIX);
    } else if (p.strategy().equals("HASH")) {
      longest = Math.max(longest, ("_p" + (p.modulus() - 1)).length());
    } else {
      for (PartitionModel.ListPartition list : p.lists()) {
        longest = Math.max(longest, ("_" + list.name()).getBytes(StandardCharsets.UTF_8).length);
      }
    }
    return longest;
  }

  /** The names of the partitions the schema creates (LIST, HASH, DEFAULT). */
  public static List<String> fixedNames(TableModel table, PartitionModel p) {
    String prefix = prefix(table, p);
    List<String> names = new ArrayList<>();
    if (p.strategy().equals("LIST")) {
      p.lists().forEach(l -> names.add(prefix + "_" + l.name()));
    } else if (p.strategy().equals("HASH")) {
      for (int r = 0; r < p.modulus(); r++) {
        names.add(prefix + "_p" + r);
      }
    }
    if (p.defaultPartition() && p.manager().equals("BUILT_IN")) {
      names.add(prefix + "_default");
    }
    return names;
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS ... PARTITION OF ...} for each fixed partition. The parent
   * was just created, so the ACCESS EXCLUSIVE lock of PARTITION OF harms no one here.
   */
  public static List<String> statements(TableModel table, PartitionModel p) {
    String parent = quote(table.table());
    String prefix = prefix(table, p);
    List<String> statements = new ArrayList<>();
    if (p.strategy().equals("LIST")) {
      for (PartitionModel.ListPartition list : p.lists()) {
        String values = list.values().stream().map(v -> literal(p, v)).collect(Collectors.joining(", "));
        statements.add("CREATE TABLE IF NOT EXISTS " + quote(prefix + "_" + list.name()) + " PARTITION OF " + parent
            + " FOR VALUES IN (" + values + ")");
      }
    } else if (p.strategy().equals("HASH")) {
      for (int r = 0; r < p.modulus(); r++) {
        statements.add("CREATE TABLE IF NOT EXISTS " + quote(prefix + "_p" + r) + " PARTITION OF " + parent
            + " FOR VALUES WITH (MODULUS " + p.modulus() + ", REMAINDER " + r + ")");
      }
    }
    if (p.defaultPartition() && p.manager().equals("BUILT_IN")) {
      statements.add("CREATE TABLE IF NOT EXISTS " + quote(prefix + "_default") + " PARTITION OF " + parent + " DEFAULT");
    }
    return statements;
  }

  /** A LIST value as SQL: quoted text for strings and enums, bare for numbers and booleans. */
  private static String literal(PartitionModel p, String value) {
    ColumnKind kind = p.key().kind();
    return kind == ColumnKind.STRING || kind == ColumnKind.ENUM ? Identifiers.literal(value) : value;
  }
}
