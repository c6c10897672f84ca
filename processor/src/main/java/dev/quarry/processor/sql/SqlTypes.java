package dev.quarry.processor.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL type names as {@code @Column(type)} gives them: what a type name may be, and the type a
 * bound value is cast to.
 */
public final class SqlTypes {
  /** A bare or double-quoted name; a quoted name may hold anything but NUL, quotes doubled. */
  private static final String NAME = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"\\x00]|\"\")+\")";
  /** Modifiers: {@code (64)}, {@code (10, 2)}, {@code (5, -2)}. */
  private static final String MODIFIERS = "\\(\\s*-?\\d+\\s*(?:,\\s*-?\\d+\\s*)*\\)";
  /**
   * A type: an optionally schema-qualified name, then the words multi-word type names use
   * ({@code double precision}, {@code timestamp(3) with time zone}, {@code interval day to second}),
   * each optionally followed by modifiers, then array brackets. Nothing else: no clause
   * ({@code DEFAULT}, {@code REFERENCES}, {@code NOT NULL}), no punctuation that ends a statement.
   */
  private static final Pattern TYPE = Pattern.compile("\\s*" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?\\s*(?:" + MODIFIERS
      + ")?(?:\\s+(?:precision|varying|with|without|time|zone|year|month|day|hour|minute|second|to)\\s*(?:" + MODIFIERS
      + ")?)*\\s*(?:\\[\\s*\\d*\\s*\\]\\s*)*", Pattern.CASE_INSENSITIVE);
  private static final Pattern MODIFIER_GROUP = Pattern.compile("\\s*" + MODIFIERS);
  /** Types whose unmodified name means length 1, not "any length": a cast to it would cut. */
  private static final Set<String> ONE_CHARACTER = Set.of("char", "character", "nchar", "national character");

  private SqlTypes() {}

  /** Whether {@code type} is a type name with optional modifiers and array brackets, nothing else. */
  public static boolean isTypeName(String type) {
    return TYPE.matcher(type).matches();
  }

  /**
   * The type a bound value is cast to: {@code type} without its modifiers. PostgreSQL applies a
   * length or precision silently on an explicit cast ({@code CAST('abcdef' AS varchar(5))} is
   * {@code 'abcde'}), but checks it on assignment to the column ({@code 22001}), as COPY does. So
   * casting to the unmodified type and letting the column's own type apply the modifiers stores
   * the same value, or fails the same way, on every path. {@code char} and {@code bit} without a
   * length mean length 1, so they become {@code bpchar} and {@code varbit}.
   */
  public static String castTarget(String type) {
    String bare = MODIFIER_GROUP.matcher(type).replaceAll("").trim().replaceAll("\\s+", " ");
    Matcher arrays = Pattern.compile("(\\s*\\[\\s*\\d*\\s*\\])+$").matcher(bare);
    String brackets = "";
    if (arrays.find()) {
      brackets = arrays.group().replaceAll("[\\s\\d]", "");
      bare = bare.substring(0, arrays.start()).trim();
    }
    String lower = bare.toLowerCase(Locale.ROOT);
    if (ONE_CHARACTER.contains(lower)) {
      bare = "bpchar";
    } else if (lower.equals("bit")) {
      bare = "varbit";
    }
    return bare + brackets;
  }

  /** {@code varchar(64)} to {@code varchar}, {@code timestamp(3) with time zone} to {@code timestamp with time zone}. */
  public static String baseType(String type) {
    String bare = MODIFIER_GROUP.matcher(type).replaceAll("").trim().replaceAll("\\s+", " ");
    return bare.toLowerCase(Locale.ROOT);
  }

  private static final Pattern VARCHAR = Pattern.compile(
      "\\s*(?:pg_catalog\\s*\\.\\s*)?(?:varchar|character\\s+varying)\\s*\\(\\s*(\\d+)\\s*\\)\\s*(?:\\[\\s*\\d*\\s*\\]\\s*)*",
      Pattern.CASE_INSENSITIVE);

  /**
   * The length of a {@code varchar(n)} or {@code character varying(n)} type (or of an array of
   * one), else -1: the limit within which PostgreSQL stores a string as given (it cuts excess
   * trailing spaces instead of refusing them, so Quarry checks the length itself).
   */
  public static int varcharLength(String type) {
    Matcher m = VARCHAR.matcher(type);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }
}
