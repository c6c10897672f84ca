package dev.quarry.processor.sql;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * SQL identifiers: snake_case names, quoting, and names that fit PostgreSQL's 63 bytes.
 *
 * <p>Quoting follows pgjdbc's {@code Utils.escapeIdentifier} (wrap in {@code "}, double any
 * {@code "}), applied only where needed so generated SQL stays readable: a name is left bare
 * when it is lower case letters, digits and underscores and not a keyword PostgreSQL reserves.
 */
public final class Identifiers {
  /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
  public static final int MAX_BYTES = 63;

  /** Keywords that cannot be bare column or table names (PostgreSQL 15, Appendix C). */
  private static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
      "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
      "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
      "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
      "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
      "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
      "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping",
      "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
      "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like",
      "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize",
      "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out",
      "outer", "overlaps", "overlay", "placing", "position", "precision", "primary", "real",
      "references", "returning", "right", "row", "select", "session_user", "setof", "similar",
      "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time",
      "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
      "values", "varchar", "variadic", "verbose", "when", "where", "window", "with");

  private Identifiers() {}

  /** {@code createdAt} to {@code created_at}, {@code URLValue} to {@code url_value}. */
  public static String snakeCase(String name) {
    StringBuilder b = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (prev != '_' && (Character.isLowerCase(prev) || Character.isDigit(prev)
            || (Character.isUpperCase(prev) && nextLower))) {
          b.append('_');
        }
      }
      b.append(Character.toLowerCase(c));
    }
    return b.toString();
  }

  /** The identifier as SQL text: bare when that is safe, else double-quoted. */
  public static String quote(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("identifier contains a NUL character");
    }
    if (name.matches("[a-z_][a-z0-9_]*") && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.name}, each part quoted where needed; just the name when there is no schema. */
  public static String qualified(java.util.Optional<String> schema, String name) {
    return schema.map(s -> quote(s) + ".").orElse("") + quote(name);
  }

  /** Whether {@code name} fits in PostgreSQL's identifier length. */
  public static boolean fits(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  /**
   * {@code base_suffix}, shortened when over 63 bytes by cutting {@code base} and inserting a
   * hash of the whole name, so the suffix survives and two long names stay distinct.
   */
  public static String name(String base, String suffix) {
    String full = base + "_" + suffix;
    if (fits(full)) {
      return full;
    }
    CRC32 crc = new CRC32();
    crc.update(full.getBytes(StandardCharsets.UTF_8));
    String hash = String.format(Locale.ROOT, "%08x", crc.getValue());
    int room = MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length - hash.length() - 2;
    return truncate(base, room) + "_" + hash + "_" + suffix;
  }

  /** The longest prefix of {@code s} that fits in {@code maxBytes} of UTF-8. */
  public static String truncate(String s, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      end += Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** A string as an SQL literal, quotes doubled; for DDL where parameters cannot be bound. */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("literal contains a NUL character");
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
