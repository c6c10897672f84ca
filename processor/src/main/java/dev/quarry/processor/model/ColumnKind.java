package dev.quarry.processor.model;

/**
 * The Java types a column can have, with the SQL type each maps to by default. One place
 * decides the mapping, so DDL, binding and reading cannot disagree.
 */
public enum ColumnKind {
  BOOLEAN("boolean", "Boolean"),
  SHORT("smallint", "Short"),
  INT("integer", "Int"),
  LONG("bigint", "Long"),
  FLOAT("real", "Float"),
  DOUBLE("double precision", "Double"),
  BIG_DECIMAL("numeric", "BigDecimal"),
  STRING("text", "String"),
  UUID("uuid", "Uuid"),
  INSTANT("timestamptz", "Instant"),
  OFFSET_DATE_TIME("timestamptz", "OffsetDateTime"),
  LOCAL_DATE_TIME("timestamp", "LocalDateTime"),
  LOCAL_DATE("date", "LocalDate"),
  LOCAL_TIME("time", "LocalTime"),
  BYTES("bytea", "Bytes"),
  ENUM("text", "Enum");

  private final String sqlType;
  private final String accessor;

  ColumnKind(String sqlType, String accessor) {
    this.sqlType = sqlType;
    this.accessor = accessor;
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

  /** Whether values of this kind are whole numbers, as versions and integer keys must be. */
  public boolean isInteger() {
    return this == SHORT || this == INT || this == LONG;
  }
}
