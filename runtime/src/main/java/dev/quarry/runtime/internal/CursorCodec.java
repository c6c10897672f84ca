package dev.quarry.runtime.internal;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.InvalidCursorException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and checks cursor tokens: {@code base64url(version | payload | tag)}, where the payload
 * is an 8-byte fingerprint of the table and order, a flags byte, then typed key values, and the
 * tag is HMAC-SHA256 of the payload truncated to 16 bytes. Every way a token can be wrong ends in
 * {@link InvalidCursorException}.
 *
 * <p>Tokens are bounded ({@link #MAX_TOKEN_LENGTH}) whatever the row: when the key values would
 * not fit, the longest text and byte values are cut to a prefix (at a character boundary) and
 * followed by a digest of the whole value, and the token is marked truncated. A DAO resolves
 * such a cursor through its row, found by primary key; if that row has gone, it seeks from the
 * prefix (see {@link Reader#text()}).
 *
 * <p>Flags: {@link #INCLUSIVE}, the row at the cursor belongs to the slice read from it (the
 * position of an empty slice, just past the row, seen from the other side); {@link #TRUNCATED}.
 */
public final class CursorCodec {
  public static final int MAX_TOKEN_LENGTH = 1024;
  private static final int TAG_BYTES = 16;
  private static final int FINGERPRINT_BYTES = 8;
  private static final byte VERSION = 2;
  /** The row at the cursor belongs to the slice read from it. */
  public static final int INCLUSIVE = 1;
  /** Some key value is a prefix followed by a digest. */
  public static final int TRUNCATED = 2;
  /** After the values, the primary key of the row beyond the cursor's (only in a truncated cursor). */
  public static final int BEYOND = 4;
  private static final int DIGEST_BYTES = 16;
  /** The payload bytes a token of {@link #MAX_TOKEN_LENGTH} characters carries. */
  private static final int MAX_PAYLOAD = MAX_TOKEN_LENGTH / 4 * 3 - 1 - TAG_BYTES;
  private static final String SECRET = System.getProperty("quarry.cursor.secret", System.getenv("QUARRY_CURSOR_SECRET"));
  private static final byte[] KEY = key();

  private CursorCodec() {}

  /** Checks a token and returns its payload. */
  public static byte[] verify(String token) {
    if (token == null || token.isEmpty()) {
      throw new InvalidCursorException("cursor token is empty");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidCursorException("cursor token is longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("cursor token is not base64url");
    }
    // The decoder accepts non-canonical trailing bits, which would make two tokens for one
    // position; only the canonical spelling is accepted.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
      throw new InvalidCursorException("cursor token is not in canonical form");
    }
    if (bytes.length < 1 + FINGERPRINT_BYTES + 1 + TAG_BYTES || bytes[0] != VERSION
        || (bytes[1 + FINGERPRINT_BYTES] & ~(INCLUSIVE | TRUNCATED | BEYOND)) != 0) {
      throw new InvalidCursorException("cursor token has an unknown format");
    }
    byte[] payload = Arrays.copyOfRange(bytes, 1, bytes.length - TAG_BYTES);
    byte[] tag = Arrays.copyOfRange(bytes, bytes.length - TAG_BYTES, bytes.length);
    if (!MessageDigest.isEqual(tag, tag(payload))) {
      throw new InvalidCursorException(badSignature(SECRET != null && !SECRET.isEmpty()));
    }
    return payload;
  }

  /** Starts a cursor for a row of the list {@code keyset} names, such as {@code "documents(created_at DESC, id DESC)"}. */
  public static Writer writer(String keyset) {
    return new Writer(fingerprint(keyset));
  }

  /**
   * Opens a cursor for reading the key values of the list {@code keyset} names.
   *
   * @throws InvalidCursorException when the cursor was issued for another table or order
   */
  public static Reader reader(Cursor cursor, String keyset) {
    return reader(cursor, keyset, false);
  }

  /**
   * As {@link #reader(Cursor, String)}; {@code lessThan} says which way the seek compares, so
   * that a text value cut to a prefix stands for a bound that skips no row (see {@link Reader#text()}).
   */
  public static Reader reader(Cursor cursor, String keyset, boolean lessThan) {
    // A Cursor exists only once Cursor.parse verified its token: decode it, do not sign it again.
    byte[] payload = payload(cursor);
    if (!MessageDigest.isEqual(Arrays.copyOf(payload, FINGERPRINT_BYTES), fingerprint(keyset))) {
      throw new InvalidCursorException("cursor was issued for another table or order, not " + keyset);
    }
    int flags = payload[FINGERPRINT_BYTES];
    int from = FINGERPRINT_BYTES + 1 + ((flags & TRUNCATED) != 0 ? DIGEST_BYTES : 0);
    if (from > payload.length) {
      throw new InvalidCursorException("cursor does not hold the key values of " + keyset);
    }
    return new Reader(ByteBuffer.wrap(payload, from, payload.length - from), keyset, flags, lessThan);
  }

  /** The same position seen from the other side: the row at it moves into, or out of, what is read. */
  public static Cursor flip(Cursor cursor) {
    byte[] payload = payload(cursor);
    payload[FINGERPRINT_BYTES] ^= INCLUSIVE;
    return sign(payload);
  }

  /** Whether two cursors hold the same key values, whatever their flags and however they were cut. */
  public static boolean sameKey(Cursor a, Cursor b) {
    byte[] x = payload(a);
    byte[] y = payload(b);
    boolean cutX = (x[FINGERPRINT_BYTES] & TRUNCATED) != 0;
    boolean cutY = (y[FINGERPRINT_BYTES] & TRUNCATED) != 0;
    if (cutX != cutY) {
      return false;
    }
    int from = FINGERPRINT_BYTES + 1;
    if (cutX) {
      return Arrays.equals(x, from, from + DIGEST_BYTES, y, from, from + DIGEST_BYTES)
          && Arrays.equals(x, 0, FINGERPRINT_BYTES, y, 0, FINGERPRINT_BYTES);
    }
    return Arrays.equals(x, 0, FINGERPRINT_BYTES, y, 0, FINGERPRINT_BYTES) && Arrays.equals(x, from, x.length, y, from, y.length);
  }

  private static byte[] payload(Cursor cursor) {
    byte[] bytes = Base64.getUrlDecoder().decode(cursor.token());
    return Arrays.copyOfRange(bytes, 1, bytes.length - TAG_BYTES);
  }

  private static Cursor sign(byte[] payload) {
    byte[] bytes = new byte[1 + payload.length + TAG_BYTES];
    bytes[0] = VERSION;
    System.arraycopy(payload, 0, bytes, 1, payload.length);
    System.arraycopy(tag(payload), 0, bytes, 1 + payload.length, TAG_BYTES);
    return Cursor.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Writes typed key values in order, then signs them. Fixed-size values are written as they
   * are; text and bytes are kept aside until {@link #build()} knows whether they fit.
   */
  public static final class Writer {
    private final byte[] fingerprint;
    /** Each part: a byte[] written as is, or a Variable to fit. */
    private final java.util.List<Object> parts = new java.util.ArrayList<>();
    private int flags;
    /** Where the primary key of the row beyond starts in {@code parts}, or -1. */
    private int beyond = -1;

    private Writer(byte[] fingerprint) {
      this.fingerprint = fingerprint;
    }

    /** A variable-length value: its bytes, and whether it is UTF-8 text (cut at character boundaries). */
    private record Variable(byte[] value, boolean text) {}

    public Writer int8(long v) {
      return put(ByteBuffer.allocate(8).putLong(v));
    }

    public Writer int4(int v) {
      return put(ByteBuffer.allocate(4).putInt(v));
    }

    public Writer int2(short v) {
      return put(ByteBuffer.allocate(2).putShort(v));
    }

    public Writer bool(boolean v) {
      parts.add(new byte[] {(byte) (v ? 1 : 0)});
      return this;
    }

    public Writer float4(float v) {
      return put(ByteBuffer.allocate(4).putFloat(v));
    }

    public Writer float8(double v) {
      return put(ByteBuffer.allocate(8).putDouble(v));
    }

    public Writer text(String v) {
      parts.add(new Variable(v.getBytes(StandardCharsets.UTF_8), true));
      return this;
    }

    public Writer enumName(Enum<?> v) {
      return text(v.name());
    }

    public Writer bytes(byte[] v) {
      parts.add(new Variable(v.clone(), false));
      return this;
    }

    public Writer uuid(UUID v) {
      return put(ByteBuffer.allocate(16).putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits()));
    }

    public Writer timestamptz(Instant v) {
      return put(ByteBuffer.allocate(12).putLong(v.getEpochSecond()).putInt(v.getNano()));
    }

    public Writer timestamptz(OffsetDateTime v) {
      return timestamptz(v.toInstant());
    }

    public Writer timestamp(LocalDateTime v) {
      return timestamptz(v.toInstant(ZoneOffset.UTC));
    }

    public Writer date(LocalDate v) {
      return int8(v.toEpochDay());
    }

    public Writer time(LocalTime v) {
      return int8(v.toNanoOfDay());
    }

    public Writer interval(Duration v) {
      return put(ByteBuffer.allocate(12).putLong(v.getSeconds()).putInt(v.getNano()));
    }

    public Writer numeric(BigDecimal v) {
      put(ByteBuffer.allocate(4).putInt(v.scale()));
      byte[] unscaled = v.unscaledValue().toByteArray();
      return put(ByteBuffer.allocate(4 + unscaled.length).putInt(unscaled.length).put(unscaled));
    }

    /**
     * What follows is the primary key of the row just beyond this one, on the side the cursor
     * leads to: kept only when values are cut, so that the cursor still finds its place if its
     * own row is deleted.
     */
    public Writer beyond() {
      beyond = parts.size();
      return this;
    }

    /** Marks the cursor inclusive (see {@link CursorCodec#INCLUSIVE}). */
    public Writer inclusive(boolean inclusive) {
      flags = inclusive ? flags | INCLUSIVE : flags & ~INCLUSIVE;
      return this;
    }

    /** Signs what was written, cutting the longest text and byte values if the token would be too long. */
    public Cursor build() {
      int own = beyond >= 0 ? beyond : parts.size();
      boolean whole = size(parts.subList(0, own)) <= MAX_PAYLOAD - FINGERPRINT_BYTES - 1;
      java.util.List<Object> written = whole ? parts.subList(0, own) : parts;
      int fixed = FINGERPRINT_BYTES + 1 + (whole ? 0 : DIGEST_BYTES);
      java.util.List<Variable> variables = new java.util.ArrayList<>();
      for (Object part : written) {
        if (part instanceof Variable v) {
          variables.add(v);
          fixed += 4;
        } else {
          fixed += ((byte[]) part).length;
        }
      }
      int cap = whole ? Integer.MAX_VALUE : cap(variables, MAX_PAYLOAD - fixed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(64);
      out.writeBytes(fingerprint);
      out.write(flags | (whole ? 0 : TRUNCATED) | (!whole && own < parts.size() ? BEYOND : 0));
      if (!whole) {
        // The whole key's digest: whether a row still holds this cursor's key, whatever was cut.
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object part : parts.subList(0, own)) {
          write(all, part, Integer.MAX_VALUE);
        }
        out.writeBytes(digest(all.toByteArray()));
      }
      for (Object part : written) {
        write(out, part, cap);
      }
      byte[] payload = out.toByteArray();
      if (payload.length > MAX_PAYLOAD) {
        throw new IllegalArgumentException("the fixed-size sort key values alone are too large for a cursor ("
            + payload.length + " bytes, at most " + MAX_PAYLOAD + ")");
      }
      return sign(payload);
    }

    private static void write(ByteArrayOutputStream out, Object part, int cap) {
      if (!(part instanceof Variable v)) {
        out.writeBytes((byte[]) part);
      } else if (v.value().length <= cap) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v.value().length).array());
        out.writeBytes(v.value());
      } else {
        int cut = v.text() ? characterBoundary(v.value(), cap - DIGEST_BYTES) : cap - DIGEST_BYTES;
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1 - cut).array());
        out.write(v.value(), 0, cut);
        out.writeBytes(digest(v.value()));
      }
    }

    private static int size(java.util.List<Object> parts) {
      int size = 0;
      for (Object part : parts) {
        size += part instanceof Variable v ? 4 + v.value().length : ((byte[]) part).length;
      }
      return size;
    }

    /**
     * The largest size every variable value may keep so all fit in {@code room} bytes (a value
     * cut keeps a digest within that size), or {@code Integer.MAX_VALUE} when all fit whole.
     */
    private static int cap(java.util.List<Variable> variables, int room) {
      if (used(variables, Integer.MAX_VALUE) <= room) {
        return Integer.MAX_VALUE;
      }
      int lo = DIGEST_BYTES + 8;
      int hi = variables.stream().mapToInt(v -> v.value().length).max().orElse(lo);
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (used(variables, mid) <= room) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    private static long used(java.util.List<Variable> variables, int cap) {
      return variables.stream().mapToLong(v -> Math.min(v.value().length, cap)).sum();
    }

    private Writer put(ByteBuffer b) {
      parts.add(b.array());
      return this;
    }
  }

  /** The longest prefix of at most {@code max} bytes that ends at a UTF-8 character boundary. */
  static int characterBoundary(byte[] utf8, int max) {
    int cut = Math.min(max, utf8.length);
    while (cut > 0 && cut < utf8.length && (utf8[cut] & 0xC0) == 0x80) {
      cut--;
    }
    return cut;
  }

  private static byte[] digest(byte[] value) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(value), DIGEST_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Reads typed key values in the order they were written; any mismatch is an invalid cursor. */
  public static final class Reader {
    /** Sorts after every character PostgreSQL can store, in byte (C) order. */
    private static final String MAX_CHARACTER = new String(Character.toChars(Character.MAX_CODE_POINT));
    private final ByteBuffer in;
    private final String keyset;
    private final int flags;
    private final boolean lessThan;

    private Reader(ByteBuffer in, String keyset, int flags, boolean lessThan) {
      this.in = in;
      this.keyset = keyset;
      this.flags = flags;
      this.lessThan = lessThan;
    }

    /** Whether the row at the cursor belongs to the slice read from it. */
    public boolean inclusive() {
      return (flags & INCLUSIVE) != 0;
    }

    /** Whether the primary key of the row beyond follows the values (read it after them). */
    public boolean beyond() {
      return (flags & BEYOND) != 0;
    }

    /** Whether some value was cut to fit: resolve the cursor through its row, by primary key. */
    public boolean truncated() {
      return (flags & TRUNCATED) != 0;
    }

    public long int8() {
      return read(() -> in.getLong());
    }

    public int int4() {
      return read(() -> in.getInt());
    }

    public short int2() {
      return read(() -> in.getShort());
    }

    public boolean bool() {
      return read(() -> in.get()) != 0;
    }

    public float float4() {
      return read(() -> in.getFloat());
    }

    public double float8() {
      return read(() -> in.getDouble());
    }

    /**
     * A text value. One that was cut comes back as its prefix: for a seek that keeps rows less
     * than the cursor, followed by the largest character, so that in byte order every value
     * starting with the prefix is kept and none skipped (rows sharing the prefix with the
     * cursor's row may be read again, which only happens when that row has been deleted).
     */
    public String text() {
      int length = int4();
      if (length >= 0) {
        return new String(take(length), StandardCharsets.UTF_8);
      }
      String prefix = new String(take(-1 - length), StandardCharsets.UTF_8);
      take(DIGEST_BYTES);
      return lessThan ? prefix + MAX_CHARACTER : prefix;
    }

    public <E extends Enum<E>> E enumName(Class<E> type) {
      try {
        return Enum.valueOf(type, text());
      } catch (IllegalArgumentException e) {
        throw invalid();
      }
    }

    /** A bytea value; one that was cut comes back as its prefix (see {@link #text()}), then 0xFF bytes when less-than. */
    public byte[] bytes() {
      int length = int4();
      if (length >= 0) {
        return take(length);
      }
      byte[] prefix = take(-1 - length);
      take(DIGEST_BYTES);
      if (!lessThan) {
        return prefix;
      }
      byte[] bound = Arrays.copyOf(prefix, prefix.length + 64);
      Arrays.fill(bound, prefix.length, bound.length, (byte) 0xFF);
      return bound;
    }

    private byte[] take(int length) {
      if (length < 0 || length > in.remaining()) {
        throw invalid();
      }
      byte[] v = new byte[length];
      in.get(v);
      return v;
    }

    public UUID uuid() {
      return new UUID(int8(), int8());
    }

    public Instant timestamptz() {
      long seconds = int8();
      int nanos = int4();
      try {
        return Instant.ofEpochSecond(seconds, nanos);
      } catch (RuntimeException e) {
        throw invalid();
      }
    }

    public LocalDateTime timestamp() {
      return LocalDateTime.ofInstant(timestamptz(), ZoneOffset.UTC);
    }

    public LocalDate date() {
      long day = int8();
      try {
        return LocalDate.ofEpochDay(day);
      } catch (RuntimeException e) {
        throw invalid();
      }
    }

    public LocalTime time() {
      long nanos = int8();
      try {
        return LocalTime.ofNanoOfDay(nanos);
      } catch (RuntimeException e) {
        throw invalid();
      }
    }

    public Duration interval() {
      long seconds = int8();
      int nanos = int4();
      if (nanos < 0 || nanos > 999_999_999) {
        throw invalid();
      }
      return Duration.ofSeconds(seconds, nanos);
    }

    public BigDecimal numeric() {
      int scale = int4();
      byte[] unscaled = take(int4());
      if (unscaled.length == 0) {
        throw invalid();
      }
      return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /** Checks that every byte was read. */
    public void end() {
      if (in.hasRemaining()) {
        throw invalid();
      }
    }

    private <T> T read(java.util.function.Supplier<T> read) {
      try {
        return read.get();
      } catch (BufferUnderflowException e) {
        throw invalid();
      }
    }

    private InvalidCursorException invalid() {
      return new InvalidCursorException("cursor does not hold the key values of " + keyset);
    }
  }

  /** Fingerprints of the few lists an application pages, computed once each. */
  private static final Map<String, byte[]> FINGERPRINTS = new ConcurrentHashMap<>();

  /** A keyed Mac per thread: creating and keying one per token would cost more than the HMAC. */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  });

  private static byte[] fingerprint(String keyset) {
    return FINGERPRINTS.computeIfAbsent(keyset, k -> {
      try {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8)),
            FINGERPRINT_BYTES);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    });
  }

  private static byte[] tag(byte[] payload) {
    return Arrays.copyOf(MAC.get().doFinal(payload), TAG_BYTES);
  }

  /**
   * Why a signature did not match, and the fix: most often the token was issued by another
   * instance of the application (or before a restart) with a different key.
   */
  static String badSignature(boolean secretConfigured) {
    return "cursor token was altered, or signed by a process with another key: "
        + (secretConfigured
            ? "QUARRY_CURSOR_SECRET (or -Dquarry.cursor.secret) is set here, so check that it has the same value on every instance"
            : "QUARRY_CURSOR_SECRET is not set, so each process signs with a random key of its own; "
                + "set QUARRY_CURSOR_SECRET (or -Dquarry.cursor.secret) to the same value on every instance");
  }

  private static byte[] key() {
    if (SECRET != null && !SECRET.isEmpty()) {
      return SECRET.getBytes(StandardCharsets.UTF_8);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return random;
  }
}
