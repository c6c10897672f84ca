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
 * is an 8-byte fingerprint of the table and order, then typed key values, and the tag is
 * HMAC-SHA256 of the payload truncated to 16 bytes. Every way a token can be wrong ends in
 * {@link InvalidCursorException}.
 */
public final class CursorCodec {
  public static final int MAX_TOKEN_LENGTH = 1024;
  private static final int TAG_BYTES = 16;
  private static final int FINGERPRINT_BYTES = 8;
  private static final byte VERSION = 1;
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
    if (bytes.length < 1 + FINGERPRINT_BYTES + TAG_BYTES || bytes[0] != VERSION) {
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
    // A Cursor exists only once Cursor.parse verified its token: decode it, do not sign it again.
    byte[] bytes = Base64.getUrlDecoder().decode(cursor.token());
    byte[] payload = Arrays.copyOfRange(bytes, 1, bytes.length - TAG_BYTES);
    if (!MessageDigest.isEqual(Arrays.copyOf(payload, FINGERPRINT_BYTES), fingerprint(keyset))) {
      throw new InvalidCursorException("cursor was issued for another table or order, not " + keyset);
    }
    return new Reader(ByteBuffer.wrap(payload, FINGERPRINT_BYTES, payload.length - FINGERPRINT_BYTES), keyset);
  }

  /** Writes typed key values in order, then signs them. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    private Writer(byte[] fingerprint) {
      out.writeBytes(fingerprint);
    }

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
      out.write(v ? 1 : 0);
      return this;
    }

    public Writer float4(float v) {
      return put(ByteBuffer.allocate(4).putFloat(v));
    }

    public Writer float8(double v) {
      return put(ByteBuffer.allocate(8).putDouble(v));
    }

    public Writer text(String v) {
      return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    public Writer enumName(Enum<?> v) {
      return text(v.name());
    }

    public Writer bytes(byte[] v) {
      int4(v.length);
      out.writeBytes(v);
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

    public Writer numeric(BigDecimal v) {
      int4(v.scale());
      return bytes(v.unscaledValue().toByteArray());
    }

    /** Signs what was written. */
    public Cursor build() {
      byte[] payload = out.toByteArray();
      byte[] bytes = new byte[1 + payload.length + TAG_BYTES];
      bytes[0] = VERSION;
      System.arraycopy(payload, 0, bytes, 1, payload.length);
      System.arraycopy(tag(payload), 0, bytes, 1 + payload.length, TAG_BYTES);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (token.length() > MAX_TOKEN_LENGTH) {
        throw new IllegalArgumentException("the sort key is too large for a cursor (" + token.length()
            + " characters, at most " + MAX_TOKEN_LENGTH + "); page by shorter columns");
      }
      return Cursor.parse(token);
    }

    private Writer put(ByteBuffer b) {
      out.writeBytes(b.array());
      return this;
    }
  }

  /** Reads typed key values in the order they were written; any mismatch is an invalid cursor. */
  public static final class Reader {
    private final ByteBuffer in;
    private final String keyset;

    private Reader(ByteBuffer in, String keyset) {
      this.in = in;
      this.keyset = keyset;
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

    public String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    public <E extends Enum<E>> E enumName(Class<E> type) {
      try {
        return Enum.valueOf(type, text());
      } catch (IllegalArgumentException e) {
        throw invalid();
      }
    }

    public byte[] bytes() {
      int length = int4();
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

    public BigDecimal numeric() {
      int scale = int4();
      byte[] unscaled = bytes();
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
