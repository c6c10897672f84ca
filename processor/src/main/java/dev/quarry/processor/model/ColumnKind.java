package dev.quarry.processor.model;

import java.util.Optional;

/**
 * The Java types a column can have, with the SQL type each maps to by default. One place
 * decides the mapping, so DDL, binding and reading cannot disagree.
 */
public enum ColumnKind {
  BOOLEAN("boolean", "Boolean", "bool", "bool", "bool"),
  SHORT("smallint", "Short", "int2", "int2", "int2"),
  INT("integer", "Int", "int4", "int4", "int4"),
  LONG("bigint", "Long", "int8", "int8", "int8"),
  FLOAT("real", "Float", "float4", "float4", "float4"),
  DOUBLE("double precision", "Double", "float8", "float8", "float8"),
  BIG_DECIMAL("numeric", "BigDecimal", "numeric", "numeric", "numeric"),
  /** pgjdbc's {@code setString} declares {@code varchar}: text's operators apply, jsonb's and an enum's do not. */
  STRING("text", "String", "text", "text", "varchar"),
  UUID("uuid", "Uuid", "uuid", "uuid", "uuid"),
  INSTANT("timestamptz", "Instant", "timestamptz", "timestamptz", "timestamptz"),
  OFFSET_DATE_TIME("timestamptz", "OffsetDateTime", "timestamptz", "timestamptz", "timestamptz"),
  LOCAL_DATE_TIME("timestamp", "LocalDateTime", "timestamp", "timestamp", "timestamp"),
  LOCAL_DATE("date", "LocalDate", "date", "date", "date"),
  LOCAL_TIME("time", "LocalTime", "time", "time", "time"),
  BYTES("bytea", "Bytes", "bytea", "bytes", "bytea"),
  /** Sent as its name without a type: PostgreSQL reads it as the text or enum type the statement needs. */
  ENUM("text", "Enum", "text", "enumName", ""),
  /**
   * {@code java.time.Duration}: an interval of days, hours and smaller units, never months. Sent
   * as {@code "<n> microseconds"} without a type, read as what the statement needs.
   */
  DURATION("interval", "Duration", "interval", "interval", ""),
  /** {@code List<T>} or {@code T[]} of a scalar kind: see {@link ColumnModel#array()}. */
  ARRAY("", "Array", "", "array", ""),
  /** Any other type stored with {@code @Column(type = "jsonb")}, through the application's JSON mapper. */
  JSON("jsonb", "Json", "text", "jsonb", "varchar");

  private final String sqlType;
  private final String accessor;
  private final String arrayType;
  private final String wire;
  private final String boundType;

  ColumnKind(String sqlType, String accessor, String arrayType, String wire, String boundType) {
    this.sqlType = sqlType;
    this.accessor = accessor;
    this.arrayType = arrayType;
    this.wire = wire;
    this.boundType = boundType;
  }

  /**
   * The SQL type the runtime's binder for this kind ({@code Binds.set<accessor>}, or the
   * primitive setter) declares for a value, {@code null} included; empty when the value is sent
   * without a type and PostgreSQL infers one from the statement. An array column's type follows
   * its elements: see {@code sql/BoundTypes}. The compile-time SQL check describes statements with
   * these types, and a test holds the runtime's binders to them.
   */
  public Optional<String> boundType() {
    return boundType.isEmpty() ? Optional.empty() : Optional.of(boundType);
  }

  /** The element type name pgjdbc's {@code createArrayOf} understands for values of this kind. */
  public String arrayType() {
    return arrayType;
  }

  /**
   * The name of the runtime's binary encoders for this kind: the {@code CopyEncoder} method
   * writing it in COPY, and the cursor codec's reader and writer methods.
   */
  public String wire() {
    return wire;
  }

  /** The SQL type a column of this kind gets unless {@code @Column(type)} says otherwise. */
  public String sqlType() {
    return sqlType;
  }

  /** The suffix of the runtime's {@code Binds.setX}/{@code Reads.getX} for this kind. */
  public String accessor() {
    return accessor;
  }

  /** Whether values of this kind are points in time, as timestamps must be. */
  public boolean isTimestamp() {
    return this == INSTANT || this == OFFSET_DATE_TIME || this == LOCAL_DATE_TIME;
  }

  /**
   * Whether a value of this kind is one scalar PostgreSQL compares by value, as keys, keyset
   * orders and partition keys need: not an array, not a JSON document.
   */
  public boolean isScalar() {
    return this != ARRAY && this != JSON;
  }

  /** Whether values of this kind are whole numbers, as versions and integer keys must be. */
  public boolean isInteger() {
    return this == SHORT || this == INT || this == LONG;
  }
}
