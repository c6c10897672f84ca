package dev.quarry.it;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * The table of the write-path differential test: for each component of {@link Differential},
 * its edge values, a seeded generator of random ones, and the oracle that says what PostgreSQL
 * must store for a value (or that it must be refused). Adding a type is one {@link Type} line
 * in {@link #ALL} (and its component in {@code Differential}).
 *
 * <p>The oracles are written here from PostgreSQL's documented behaviour, independently of the
 * runtime's own conversions, so a path that agrees with the others but not with PostgreSQL's
 * rules still fails.
 */
final class DifferentialTypes {
  /** What the oracle answers for a value PostgreSQL cannot hold: every path must throw. */
  static final Object REFUSED = new Object() {
    @Override public String toString() {
      return "<refused>";
    }
  };
  /** What the oracle answers when it cannot predict the stored form: the paths must agree. */
  static final Object AGREE = new Object() {
    @Override public String toString() {
      return "<paths agree>";
    }
  };

  /**
   * One supported type.
   *
   * @param component the {@link Differential} component that holds it
   * @param edges values that have broken clients before: MIN/MAX, infinity, BC, rounding ties
   * @param random a seeded generator
   * @param expect what PostgreSQL stores for a value, {@link #REFUSED} or {@link #AGREE}
   */
  record Type(String component, List<?> edges, Function<Random, ?> random, Function<Object, Object> expect,
      Function<Object, Object> expectAsParameter) {
    Type(String component, List<?> edges, Function<Random, ?> random, Function<Object, Object> expect) {
      this(component, edges, random, expect, expect);
    }
  }

  static final LocalDateTime PG_MIN_TIMESTAMP = LocalDateTime.of(-4713, 11, 24, 0, 0);
  static final LocalDateTime PG_MAX_TIMESTAMP = LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000);
  static final LocalDate PG_MIN_DATE = LocalDate.of(-4713, 11, 24);
  static final LocalDate PG_MAX_DATE = LocalDate.of(5874897, 12, 31);

  /** The longest interval: 2^63 - 1 microseconds. */
  static final Duration MAX_INTERVAL = Duration.ofSeconds(Long.MAX_VALUE / 1_000_000, Long.MAX_VALUE % 1_000_000 * 1000);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(Long.MIN_VALUE / 1_000_000, Long.MIN_VALUE % 1_000_000 * 1000);

  static final List<Type> ALL = List.of(
      new Type("bool", List.of(true, false), Random::nextBoolean, v -> v),
      new Type("int2", List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) -1),
          r -> (short) r.nextInt(), v -> v),
      new Type("int4", List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0), Random::nextInt, v -> v),
      new Type("int8", List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L), Random::nextLong, v -> v),
      new Type("float4", List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
          Float.MIN_VALUE, Float.MAX_VALUE, -Float.MIN_NORMAL, 0.1f), r -> Float.intBitsToFloat(r.nextInt()), v -> v),
      new Type("float8", List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
          Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 0.1, 1e-320),
          r -> Double.longBitsToDouble(r.nextLong()), v -> v),
      // a double in a numeric column: as PostgreSQL casts double precision to numeric, to 15
      // significant digits (0.1 + 0.2 is 0.3), on every path, never Java's exact shortest text
      new Type("float8Numeric", List.of(0.1 + 0.2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
          Double.MIN_VALUE, Double.MAX_VALUE, 1e-20, 123456789.123456789, 2.5e15 + 0.5),
          r -> r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : r.nextDouble() * Math.pow(10, r.nextInt(30) - 10),
          v -> float8AsNumeric((Double) v)),
      new Type("numeric", List.of(new BigDecimal("8.10"), new BigDecimal("8.1"), new BigDecimal("0E-10"),
          new BigDecimal("1E+5"), new BigDecimal("-0.000000001"), new BigDecimal("1E-16383"), new BigDecimal("1E-16384"),
          new BigDecimal("12345678901234567890123456789012345678901234567890.000000000000000000001")),
          DifferentialTypes::numeric, v -> numeric((BigDecimal) v)),
      new Type("numeric12x3", List.of(new BigDecimal("1.0005"), new BigDecimal("-1.0005"), new BigDecimal("1.0004999"),
          new BigDecimal("999999999.999"), new BigDecimal("999999999.9995"), new BigDecimal("1E+9")),
          r -> new BigDecimal(BigInteger.valueOf(r.nextLong() % 100_000_000_000_000L), r.nextInt(8)),
          v -> numeric12x3((BigDecimal) v)),
      new Type("text", List.of("", "NULL", "null", " ", "\"", "\\", "{a,b}", "a\tb\nc\rd", "😀 ünï € 中文", "a\0b",
          "lone \uD800 surrogate", "\uDC00", "x".repeat(100_000)), r -> text(r, 40), v -> text((String) v)),
      new Type("varchar8", List.of("", "12345678", "123456789", "😀😀😀😀😀😀😀😀", "😀😀😀😀😀😀😀😀😀", "abcdef ",
          "12345678 ", "1234567    ", "😀😀😀😀😀😀😀😀 ", "1234567 \t"),
          r -> text(r, 12), v -> varchar((String) v, 8), v -> varcharAssigned((String) v, 8)),
      // a domain over varchar(8): Quarry cannot know its length, so PostgreSQL's rule applies on
      // every path (excess spaces cut, anything else longer refused), never a cut by a cast
      new Type("code8", List.of("", "12345678", "123456789", "😀😀😀😀😀😀😀😀", "😀😀😀😀😀😀😀😀😀", "abcdef ",
          "12345678 ", "1234567    ", "😀😀😀😀😀😀😀😀 ", "1234567 \t", "NULL", "{a,b}", "\"q\""),
          r -> text(r, 12), v -> varcharAssigned((String) v, 8)),
      new Type("jsonb", List.of("{}", "[]", "null", "\"NULL\"", "{\"b\": 1, \"a\": [1, 2.50, null]}", "1e400",
          "\"\\u0000\"", "{\"k\": \"\\ud83d\\ude00\"}", "not json"), DifferentialTypes::json,
          v -> v != null && ((String) v).indexOf('\0') >= 0 ? REFUSED : AGREE),
      new Type("uuid", List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1)),
          r -> new UUID(r.nextLong(), r.nextLong()), v -> v),
      new Type("instant", List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("-0044-03-15T12:00:00Z"),
          Instant.parse("+12345-01-01T00:00:00Z"), Instant.parse("2000-01-01T00:00:00.0000005Z"),
          Instant.parse("2000-01-01T00:00:00.000000499Z"), Instant.parse("1969-12-31T23:59:59.9999995Z"),
          Instant.parse("0000-01-01T00:00:00Z"), PG_MIN_TIMESTAMP.toInstant(ZoneOffset.UTC),
          PG_MAX_TIMESTAMP.toInstant(ZoneOffset.UTC), PG_MIN_TIMESTAMP.toInstant(ZoneOffset.UTC).minusNanos(1),
          PG_MAX_TIMESTAMP.toInstant(ZoneOffset.UTC).plusNanos(499), PG_MAX_TIMESTAMP.toInstant(ZoneOffset.UTC).plusNanos(500),
          Instant.parse("+1000000-01-01T00:00:00Z")), r -> instant(r), v -> instant((Instant) v)),
      new Type("offsetDateTime", List.of(OffsetDateTime.MIN, OffsetDateTime.MAX,
          OffsetDateTime.parse("-0044-03-15T12:00:00+18:00"), OffsetDateTime.parse("+12345-01-01T00:00:00-18:00"),
          OffsetDateTime.parse("2000-01-01T00:00:00.0000005+05:30"), PG_MIN_TIMESTAMP.atOffset(ZoneOffset.UTC),
          PG_MIN_TIMESTAMP.atOffset(ZoneOffset.ofHours(1)), PG_MAX_TIMESTAMP.atOffset(ZoneOffset.ofHours(-1))),
          r -> instant(r).atOffset(ZoneOffset.ofTotalSeconds(r.nextInt(-64_800, 64_801))),
          v -> offsetDateTime((OffsetDateTime) v)),
      new Type("localDateTime", List.of(LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime.parse("-0044-03-15T12:00:00"),
          LocalDateTime.parse("+12345-01-01T00:00:00.0000015"), LocalDateTime.parse("2000-01-01T00:00:00.0000005"),
          PG_MIN_TIMESTAMP, PG_MAX_TIMESTAMP, PG_MIN_TIMESTAMP.minusNanos(1), PG_MAX_TIMESTAMP.plusNanos(500)),
          r -> LocalDateTime.ofInstant(instant(r), ZoneOffset.UTC), v -> localDateTime((LocalDateTime) v)),
      new Type("localDate", List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, LocalDate.parse("0000-12-31"),
          LocalDate.parse("-0044-03-15"), PG_MIN_DATE, PG_MAX_DATE, PG_MIN_DATE.minusDays(1), PG_MAX_DATE.plusDays(1),
          LocalDate.parse("+294277-01-01")), r -> LocalDate.ofEpochDay(r.nextLong(-2_700_000L, 2_150_000_000L)),
          v -> localDate((LocalDate) v)),
      new Type("localTime", List.of(LocalTime.MIDNIGHT, LocalTime.MAX, LocalTime.parse("23:59:59.9999995"),
          LocalTime.parse("23:59:59.9999994"), LocalTime.parse("12:00:00.0000005"), LocalTime.NOON),
          r -> LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000_000L)), v -> localTime((LocalTime) v)),
      new Type("bytes", List.of(new byte[0], new byte[] {0}, new byte[] {'\\', 'x', '{', '}', ',', '"'}, allBytes()),
          r -> { byte[] b = new byte[r.nextInt(64)]; r.nextBytes(b); return b; }, v -> v),
      new Type("color", List.of(Color.values()), r -> Color.values()[r.nextInt(Color.values().length)], v -> v),
      new Type("duration", List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofNanos(-500), Duration.ofNanos(1500),
          Duration.ofNanos(-1500), Duration.ofNanos(499), Duration.ofDays(365L * 290_000), MAX_INTERVAL, MIN_INTERVAL,
          MAX_INTERVAL.plusNanos(499), MAX_INTERVAL.plusNanos(500), MIN_INTERVAL.minusNanos(500),
          MIN_INTERVAL.minusNanos(501), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE)),
          r -> Duration.ofSeconds(r.nextLong(-10_000_000_000_000L, 10_000_000_000_000L), r.nextInt(1_000_000_000)),
          v -> duration((Duration) v)),
      new Type("status", List.of(TaskStatus.values()), r -> TaskStatus.values()[r.nextInt(3)], v -> v),
      new Type("int8s", List.of(new long[0], new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}),
          r -> r.longs(r.nextInt(6)).toArray(), v -> v),
      new Type("texts", List.of(new String[0], new String[] {null}, new String[] {"", "NULL", null, "\\\"{,}"},
          new String[] {"a\0b"}, new String[] {"ok", "\uD800"}),
          r -> { String[] a = new String[r.nextInt(5)]; for (int i = 0; i < a.length; i++) a[i] = r.nextInt(4) == 0 ? null : text(r, 12); return a; },
          v -> elements((Object[]) v, x -> text((String) x))),
      new Type("instants", List.of(new Instant[0], new Instant[] {Instant.MIN, null, Instant.MAX},
          new Instant[] {Instant.parse("-0044-03-15T12:00:00Z"), Instant.parse("+12345-01-01T00:00:00Z")},
          new Instant[] {Instant.parse("2000-01-01T00:00:00.0000005Z"), PG_MIN_TIMESTAMP.toInstant(ZoneOffset.UTC).minusNanos(1)}),
          r -> { Instant[] a = new Instant[r.nextInt(4)]; for (int i = 0; i < a.length; i++) a[i] = instant(r); return a; },
          v -> elements((Object[]) v, x -> instant((Instant) x))),
      new Type("codes", List.of(new String[0], new String[] {null, "12345678"}, new String[] {"123456789"},
          new String[] {"ok", "12345678 ", "NULL", "\\\"{,}"}, new String[] {"a", "1234567    x"}),
          r -> { String[] a = new String[r.nextInt(4)]; for (int i = 0; i < a.length; i++) a[i] = r.nextInt(4) == 0 ? null : text(r, 10); return a; },
          v -> elements((Object[]) v, x -> varcharAssigned((String) x, 8))),
      new Type("float8sNumeric", List.of(new Double[0], new Double[] {null, 0.1 + 0.2}, new Double[] {-0.0, Double.NaN,
          Double.POSITIVE_INFINITY, 123456789.123456789}, new Double[] {Double.MIN_VALUE, Double.MAX_VALUE}),
          r -> { Double[] a = new Double[r.nextInt(4)]; for (int i = 0; i < a.length; i++) a[i] = r.nextInt(5) == 0 ? null : Double.longBitsToDouble(r.nextLong()); return a; },
          v -> elements((Object[]) v, x -> float8AsNumeric((Double) x))));

  /** The differential table and the domain its {@code code8} columns are declared with. */
  static void schema(PgSchema pg) {
    pg.sql(GeneratedCode.DOMAINS);
    pg.apply(DifferentialSchema.statements());
  }


  private DifferentialTypes() {}

  /** Whether two stored values are the same: arrays by content, floats by bits, instants by instant. */
  static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Object[] x && b instanceof Object[] y) {
      return Arrays.deepEquals(x, y);
    }
    if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
      return Objects.deepEquals(a, b);
    }
    if (a instanceof Float x && b instanceof Float y) {
      return Float.compare(x, y) == 0;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y) == 0;
    }
    if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
      return x.equals(y) || x.toInstant().equals(y.toInstant()) && !isSentinel(x) && !isSentinel(y);
    }
    return Objects.equals(a, b);
  }

  static String show(Object v) {
    if (v instanceof byte[] b) {
      return b.length > 16 ? "byte[" + b.length + "]" : Arrays.toString(b);
    }
    if (v instanceof String s && s.length() > 40) {
      return "\"" + s.substring(0, 20) + "...\" (" + s.length() + " chars)";
    }
    if (v instanceof Object[] a) {
      return Arrays.deepToString(a);
    }
    if (v instanceof long[] a) {
      return Arrays.toString(a);
    }
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  /** An array: each element as its own oracle says, refused when any element is. */
  static Object elements(Object[] v, Function<Object, Object> element) {
    if (v == null) {
      return null;
    }
    Object[] stored = Arrays.copyOf(v, v.length);
    for (int i = 0; i < v.length; i++) {
      Object e = v[i] == null ? null : element.apply(v[i]);
      if (e == REFUSED) {
        return REFUSED;
      }
      stored[i] = e;
    }
    return stored;
  }

  /** interval: whole microseconds, rounded half up (toward the later), within 2^63 - 1 of them either way. */
  static Object duration(Duration v) {
    if (v == null) {
      return null;
    }
    java.math.BigInteger nanos = java.math.BigInteger.valueOf(v.getSeconds()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
        .add(java.math.BigInteger.valueOf(v.getNano()));
    java.math.BigInteger[] split = nanos.divideAndRemainder(java.math.BigInteger.valueOf(1000));
    java.math.BigInteger micros = split[0];
    long rest = split[1].longValue();
    if (rest < 0) {
      micros = micros.subtract(java.math.BigInteger.ONE);
      rest += 1000;
    }
    if (rest >= 500) {
      micros = micros.add(java.math.BigInteger.ONE);
    }
    if (micros.bitLength() > 63) {
      return REFUSED;
    }
    long m = micros.longValueExact();
    return Duration.ofSeconds(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
  }

  // ---- oracles: what PostgreSQL stores ----

  /** numeric: at most 131072 digits before the point and 16383 after; a negative scale becomes 0. */
  static Object numeric(BigDecimal v) {
    if (v == null) {
      return null;
    }
    if (v.scale() > 16383 || v.precision() - v.scale() > 131072) {
      return REFUSED;
    }
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  /** numeric(12,3): rounded half away from zero to 3 places; 10^9 and beyond overflow (22003). */
  static Object numeric12x3(BigDecimal v) {
    if (v == null) {
      return null;
    }
    BigDecimal rounded = v.setScale(3, RoundingMode.HALF_UP);
    return rounded.abs().compareTo(new BigDecimal("1E+9")) >= 0 ? REFUSED : rounded;
  }

  /** text: anything but NUL and lone surrogates (neither has a UTF-8 form PostgreSQL accepts). */
  static Object text(String v) {
    if (v == null) {
      return null;
    }
    if (v.indexOf('\0') >= 0) {
      return REFUSED;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return REFUSED;
      }
    }
    return v;
  }

  /**
   * varchar(n) as Quarry writes it where it knows the column: text of at most n characters (code
   * points); anything longer is refused, never cut.
   */
  static Object varchar(String v, int n) {
    Object text = text(v);
    return text instanceof String s && s.codePointCount(0, s.length()) > n ? REFUSED : text;
  }

  /**
   * varchar(n) as PostgreSQL assigns a value of unknown destination (a plain {@code @Sql}
   * parameter): longer than n characters is an error, unless the excess characters are all
   * spaces, which are cut (the SQL standard; "Character Types" in PostgreSQL's manual).
   */
  static Object varcharAssigned(String v, int n) {
    Object text = text(v);
    if (!(text instanceof String s) || s.codePointCount(0, s.length()) <= n) {
      return text;
    }
    int cut = s.offsetByCodePoints(0, n);
    return s.substring(cut).chars().allMatch(c -> c == ' ') ? s.substring(0, cut) : REFUSED;
  }

  /**
   * What a {@code numeric} column holds for a double, read back as a double: PostgreSQL's
   * {@code float8_numeric} prints it with 15 significant digits ({@code %.15g}, the exact binary
   * value rounded half to even); NaN and the infinities are numeric's own, -0 is 0.
   */
  static Object float8AsNumeric(Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return v;
    }
    if (v == 0) {
      return 0.0;
    }
    return new BigDecimal(v).round(new java.math.MathContext(15, java.math.RoundingMode.HALF_EVEN)).doubleValue();
  }

  /** timestamptz: MIN/MAX are -infinity/infinity; else rounded half up to microseconds, within range. */
  static Object instant(Instant v) {
    if (v == null || v.equals(Instant.MIN) || v.equals(Instant.MAX)) {
      return v;
    }
    Object local = localDateTime(LocalDateTime.ofEpochSecond(v.getEpochSecond(), v.getNano(), ZoneOffset.UTC));
    return local instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : local;
  }

  static Object offsetDateTime(OffsetDateTime v) {
    if (v == null || v.equals(OffsetDateTime.MIN) || v.equals(OffsetDateTime.MAX)) {
      return v;
    }
    if (v.toInstant().isBefore(PG_MIN_TIMESTAMP.toInstant(ZoneOffset.UTC))
        || v.toInstant().isAfter(PG_MAX_TIMESTAMP.toInstant(ZoneOffset.UTC).plusSeconds(1))) {
      return REFUSED;
    }
    Object stored = instant(v.toInstant());
    return stored instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : stored;
  }

  static Object localDateTime(LocalDateTime v) {
    if (v == null || v.equals(LocalDateTime.MIN) || v.equals(LocalDateTime.MAX)) {
      return v;
    }
    if (v.isBefore(PG_MIN_TIMESTAMP) || v.isAfter(PG_MAX_TIMESTAMP.plusSeconds(1))) {
      return REFUSED;
    }
    LocalDateTime micros = v.withNano(v.getNano() / 1000 * 1000);
    LocalDateTime rounded = v.getNano() % 1000 >= 500 ? micros.plusNanos(1000) : micros;
    return rounded.isAfter(PG_MAX_TIMESTAMP) ? REFUSED : rounded;
  }

  static Object localDate(LocalDate v) {
    if (v == null || v.equals(LocalDate.MIN) || v.equals(LocalDate.MAX)) {
      return v;
    }
    return v.isBefore(PG_MIN_DATE) || v.isAfter(PG_MAX_DATE) ? REFUSED : v;
  }

  /** time: rounded half up to microseconds; rounding past the last microsecond is 24:00:00, read as MAX. */
  static Object localTime(LocalTime v) {
    if (v == null || v.equals(LocalTime.MAX)) {
      return v;
    }
    long nanos = v.toNanoOfDay();
    long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
    return micros == 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
  }

  private static boolean isSentinel(OffsetDateTime v) {
    return v.equals(OffsetDateTime.MIN) || v.equals(OffsetDateTime.MAX);
  }

  // ---- generators ----

  private static final String[] PIECES = {"a", "Z", "0", " ", "\t", "\n", "\\", "\"", "'", ",", "{", "}", "NULL",
      "ü", "€", "中", "😀", "\u0301", "\uFEFF", "\u2028"};

  /** Text of up to {@code max} pieces; now and then a NUL or a lone surrogate, which must be refused. */
  static String text(Random r, int max) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      int pick = r.nextInt(1000);
      b.append(pick == 0 ? "\0" : pick == 1 ? "\uD83D" : PIECES[r.nextInt(PIECES.length)]);
    }
    String s = b.toString();
    return s.length() > max && r.nextBoolean() ? s.substring(0, max) : s;
  }

  static BigDecimal numeric(Random r) {
    BigInteger unscaled = new BigInteger(r.nextInt(1, 200), r);
    return new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(-20, 60));
  }

  static String json(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> String.valueOf(r.nextLong());
      case 1 -> "\"" + text(r, 10).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
          .replace("\0", "\\u0000") + "\"";
      case 2 -> "[" + r.nextDouble() + ", true, null]";
      case 3 -> "{\"k" + r.nextInt(100) + "\": {\"n\": " + r.nextInt() + "}}";
      default -> "{}";
    };
  }

  /** Mostly within PostgreSQL's range, sometimes beyond it, with nanoseconds. */
  static Instant instant(Random r) {
    long min = PG_MIN_TIMESTAMP.toEpochSecond(ZoneOffset.UTC);
    long max = PG_MAX_TIMESTAMP.toEpochSecond(ZoneOffset.UTC);
    long seconds = r.nextInt(20) == 0 ? r.nextLong(min - 100_000_000_000L, max + 100_000_000_000L)
        : r.nextInt(3) == 0 ? r.nextLong(min, max) : r.nextLong(-5_000_000_000L, 5_000_000_000L);
    return Instant.ofEpochSecond(seconds, r.nextInt(1_000_000_000));
  }

  private static byte[] allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}
