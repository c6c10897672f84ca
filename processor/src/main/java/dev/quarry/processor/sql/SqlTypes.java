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

  /**
   * The types PostgreSQL 15 ships in {@code pg_catalog} that a column may be declared as, by the
   * names and SQL spellings {@link #baseType} leaves of them (no modifiers, lower case).
   */
  static final Set<String> BUILT_IN = Set.of("bool", "boolean", "int2", "smallint", "int4", "int", "integer",
      "int8", "bigint", "float4", "real", "float8", "float", "double precision", "numeric", "decimal", "money", "text",
      "varchar", "character varying", "char", "character", "bpchar", "nchar", "national character",
      "national character varying", "name", "bytea", "bit", "varbit", "bit varying", "uuid", "json", "jsonb",
      "jsonpath", "xml", "inet", "cidr", "macaddr", "macaddr8", "date", "time", "time without time zone", "timetz",
      "time with time zone", "timestamp", "timestamp without time zone", "timestamptz", "timestamp with time zone",
      "interval", "point", "line", "lseg", "box", "path", "polygon", "circle", "tsvector", "tsquery", "int4range",
      "int8range", "numrange", "tsrange", "tstzrange", "daterange", "int4multirange", "int8multirange", "nummultirange",
      "tsmultirange", "tstzmultirange", "datemultirange", "oid", "regclass", "regtype", "regproc", "regprocedure",
      "regoper", "regoperator", "regconfig", "regdictionary", "regnamespace", "regrole", "regcollation", "pg_lsn",
      "pg_snapshot", "txid_snapshot", "xid", "xid8", "cid", "tid");

  /**
   * Whether {@code type}, arrays aside, is one of PostgreSQL's own types ({@code pg_catalog}),
   * not a domain, enum, composite or extension type a schema or extension created.
   */
  public static boolean isBuiltIn(String type) {
    String base = element(type);
    return BUILT_IN.contains(base) || base.startsWith("interval ");
  }

  /**
   * {@code expr}, a {@code text} value (for an array type, a {@code text} or {@code text[]} one),
   * read as {@code type} the way COPY reads it: by the type's input function, with
   * the limits of a domain's base type applied as on assignment. For PostgreSQL's own types that
   * is {@code CAST(expr AS type)}. For a domain it is not: an explicit cast to a domain over
   * {@code varchar(8)} cuts a longer value to 8 characters, where the input function refuses it
   * (SQLSTATE 22001; PostgreSQL 15 documentation, 8.3 "Character Types"), and so does a cast of a
   * {@code text[]} to an array of it. So any other type is read from an array literal, whose
   * input reads each element with the element type's own input function:
   * {@code (CAST(CAST(ARRAY[expr] AS text) AS code8[]))[1]}, {@code CAST(CAST(expr AS text) AS code8[])}.
   */
  public static String fromText(String expr, String type) {
    if (isBuiltIn(type)) {
      return "CAST(" + expr + " AS " + type + ")";
    }
    if (type.trim().endsWith("]")) {
      return "CAST(CAST(" + expr + " AS text) AS " + type + ")";
    }
    return "(CAST(CAST(ARRAY[" + expr + "] AS text) AS " + type + "[]))[1]";
  }

  /** String and bit string types, whose length an explicit cast applies by cutting. */
  private static final Set<String> LENGTH_CUT_ON_CAST = Set.of("varchar", "character varying", "char", "character",
      "bpchar", "nchar", "national character", "national character varying", "bit", "varbit", "bit varying");

  /**
   * Whether an explicit cast to {@code type} cuts a value to the type's length where assignment
   * to a column of it refuses the value ({@code CAST(B'1010' AS bit(3))} is {@code B'101'}):
   * PostgreSQL's string and bit string types.
   */
  public static boolean cutsOnCast(String type) {
    String base = element(type);
    return LENGTH_CUT_ON_CAST.contains(base);
  }

  private static final Pattern IDENTIFIER_PART = Pattern.compile("\"((?:[^\"]|\"\")*)\"|[^\"]+");

  /**
   * {@code pg_catalog.VARCHAR(8)[]} to {@code varchar}: the element type's name as PostgreSQL
   * reads it (unquoted words folded to lower case, a quoted name kept as written, so
   * {@code "CHAR"} is not {@code char}), without {@code pg_catalog}.
   */
  private static String element(String type) {
    String bare = MODIFIER_GROUP.matcher(type).replaceAll("").replaceAll("\\s*\\[\\s*\\d*\\s*\\]", "").trim()
        .replaceAll("\\s+", " ");
    StringBuilder name = new StringBuilder();
    Matcher part = IDENTIFIER_PART.matcher(bare);
    boolean quoted = false;
    while (part.find()) {
      quoted |= part.group(1) != null;
      name.append(part.group(1) != null ? part.group(1).replace("\"\"", "\"") : part.group().toLowerCase(Locale.ROOT));
    }
    String folded = name.toString().replaceFirst("^pg_catalog\\s*\\.\\s*", "");
    // a quoted name is one word: "double precision" quoted names a type of its own
    return quoted && folded.contains(" ") ? bare : folded;
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
