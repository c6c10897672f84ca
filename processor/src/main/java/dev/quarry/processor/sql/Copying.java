package dev.quarry.processor.sql;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import java.util.Set;

/**
 * How each column travels in binary COPY. Binary format needs the column type's exact send
 * form, which Quarry knows for its own types, jsonb and the text family; a column with any
 * other {@code @Column(type)} is staged as text and cast on the way into the table.
 */
public final class Copying {
  private static final Set<String> TEXT_LIKE = Set.of("text", "varchar", "character varying", "char", "character",
      "bpchar", "citext", "json", "name");

  private Copying() {}

  /** Whether the column's values can be written in the column type's own binary form. */
  public static boolean direct(ColumnModel c) {
    if (!c.castOnBind() || c.sqlType().equalsIgnoreCase(c.kind().sqlType())) {
      return true;
    }
    if (c.kind() == ColumnKind.JSON) {
      return true; // jsonb's binary form is a version byte and the text; json's is the text
    }
    if (c.kind() == ColumnKind.ENUM && c.enumType().isPresent()) {
      return true; // an enum type's binary form is its label's text
    }
    String type = baseType(c.sqlType());
    boolean textual = c.kind() == ColumnKind.STRING || c.kind() == ColumnKind.ENUM;
    return textual && (type.equals("jsonb") || TEXT_LIKE.contains(type));
  }

  /** The column type in a staging table: its own when written directly, else its Java type's default. */
  public static String stageType(ColumnModel c) {
    return direct(c) ? c.sqlType() : defaultType(c);
  }

  /** The SQL type of the column's Java type, without {@code @Column(type)}. */
  private static String defaultType(ColumnModel c) {
    return c.kind() == ColumnKind.ARRAY ? c.valueKind().sqlType() + "[]" : c.kind().sqlType();
  }

  /**
   * The OID of the elements of an array column as COPY writes them (its own element type when
   * written directly, else its Java type's default), which PostgreSQL checks against the
   * column's. Fixed for built-in types (see {@code pg_type.dat}).
   */
  public static int elementOid(ColumnModel c) {
    return switch (c.valueKind()) {
      case BOOLEAN -> 16;
      case SHORT -> 21;
      case INT -> 23;
      case LONG -> 20;
      case FLOAT -> 700;
      case DOUBLE -> 701;
      case BIG_DECIMAL -> 1700;
      case STRING, ENUM -> 25;
      case UUID -> 2950;
      case INSTANT, OFFSET_DATE_TIME -> 1184;
      case LOCAL_DATE_TIME -> 1114;
      case LOCAL_DATE -> 1082;
      case LOCAL_TIME -> 1083;
      case DURATION -> 1186;
      default -> throw new IllegalArgumentException("no array element of kind " + c.valueKind());
    };
  }

  /** The column as the INSERT ... SELECT from a staging table reads it. */
  public static String fromStage(ColumnModel c) {
    String name = Identifiers.quote(c.column());
    return direct(c) ? name : read(name, c, SqlTypes.castTarget(c.sqlType()));
  }

  /**
   * The column as de-duplication compares it: in the column's full type, modifiers included, so
   * that keys the column would store as equal ({@code numeric(10,2)}: 8.101 and 8.099) are equal.
   * A string or bit string type's length is left out: a cast to it cuts ({@code bit(3)}:
   * {@code 1010} and {@code 101} would be one key, and the row replaced never checked), where the
   * column refuses any value of another length, so two keys it would store equal are equal anyway.
   */
  public static String keyFromStage(ColumnModel c) {
    String name = Identifiers.quote(c.column());
    if (direct(c)) {
      return name;
    }
    return read(name, c, SqlTypes.cutsOnCast(c.sqlType()) ? SqlTypes.castTarget(c.sqlType()) : c.sqlType());
  }

  /**
   * Whether {@code c} holds strings (or arrays of them) of a declared type PostgreSQL does not
   * ship, which may be a domain over {@code varchar(n)}: a cast would cut them to its length, so
   * they are read by the type's input function ({@link SqlTypes#fromText}). Other values keep
   * PostgreSQL's cast from their own type, as the single-row paths do.
   */
  public static boolean readByInput(ColumnModel c) {
    return c.castOnBind() && c.valueKind() == ColumnKind.STRING && !SqlTypes.isBuiltIn(c.sqlType());
  }

  /** {@code expr}, a staged or unnested value of {@code c}, as {@code type}. */
  static String read(String expr, ColumnModel c, String type) {
    return readByInput(c) ? SqlTypes.fromText(expr, type) : "CAST(" + expr + " AS " + type + ")";
  }

  /** The {@code CopyEncoder} method that writes the column's values. */
  public static String encoder(ColumnModel c) {
    if (c.kind() == ColumnKind.JSON) {
      return baseType(c.sqlType()).equals("jsonb") ? "jsonb" : "text";
    }
    if (direct(c) && c.castOnBind() && baseType(c.sqlType()).equals("jsonb")) {
      return "jsonb";
    }
    return c.valueKind().wire();
  }

  /** {@code varchar(64)} to {@code varchar}. */
  private static String baseType(String sqlType) {
    return SqlTypes.baseType(sqlType);
  }
}
