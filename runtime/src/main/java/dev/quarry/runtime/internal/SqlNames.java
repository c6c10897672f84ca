package dev.quarry.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/** Identifiers in DDL the runtime writes: quoted only where PostgreSQL needs it, and kept to 63 bytes. */
public final class SqlNames {
  private static final Set<String> KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric "
      + "authorization between bigint binary bit boolean both case cast char character check coalesce collate "
      + "collation column concurrently constraint create cross current_catalog current_date current_role "
      + "current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct "
      + "do else end except exists extract false fetch float for foreign freeze from full grant greatest group "
      + "grouping having ilike in initially inner inout int integer intersect interval into is isnull join "
      + "lateral leading least left like limit localtime localtimestamp national natural nchar none normalize "
      + "not notnull null nullif numeric offset on only or order out outer overlaps overlay placing position "
      + "precision primary real references returning right row select session_user setof similar smallint some "
      + "substring symmetric system_user table tablesample then time timestamp to trailing treat trim true union "
      + "unique user using values varchar variadic verbose when where window with").split(" "));

  private SqlNames() {}

  /** {@code name} as SQL text: bare when it is a plain lower-case identifier, else double-quoted. */
  public static String quote(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*") && !KEYWORDS.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * {@code base_suffix}, shortened when over 63 bytes by cutting {@code base} and inserting a hash
   * of the whole name, as the processor shortens the names it derives.
   */
  public static String name(String base, String suffix) {
    String full = base + "_" + suffix;
    if (full.getBytes(StandardCharsets.UTF_8).length <= 63) {
      return full;
    }
    CRC32 crc = new CRC32();
    crc.update(full.getBytes(StandardCharsets.UTF_8));
    String hash = String.format(Locale.ROOT, "%08x", crc.getValue());
    int room = 63 - suffix.getBytes(StandardCharsets.UTF_8).length - hash.length() - 2;
    StringBuilder cut = new StringBuilder();
    for (int i = 0; i < base.length(); ) {
      int cp = base.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      if (cut.toString().getBytes(StandardCharsets.UTF_8).length + ch.getBytes(StandardCharsets.UTF_8).length > room) {
        break;
      }
      cut.append(ch);
      i += Character.charCount(cp);
    }
    return cut + "_" + hash + "_" + suffix;
  }
}
