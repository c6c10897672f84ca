package dev.quarry.runtime;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs, RFC 9562 version 7.
 *
 * <p>Random version 4 keys scatter inserts across a B-tree; version 7 keys start with the Unix
 * time in milliseconds, so new rows land at the right-hand end of the index. Within this
 * process the values are strictly increasing: the 12 {@code rand_a} bits count within one
 * millisecond (RFC 9562, section 6.2, method 1), and when they run out the timestamp is moved
 * one millisecond ahead rather than repeating. The 62 {@code rand_b} bits are random.
 */
public final class UuidV7 {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int COUNTER_MAX = 0xFFF;

  private static long lastMillis = -1;
  private static int counter;

  private UuidV7() {}

  /** A new version 7 UUID, greater than every one this process made before. */
  public static UUID next() {
    long millis;
    int sequence;
    synchronized (UuidV7.class) {
      long now = System.currentTimeMillis();
      if (now > lastMillis) {
        lastMillis = now;
        // Start low in the millisecond, leaving room to count up.
        counter = RANDOM.nextInt(COUNTER_MAX / 2);
      } else if (counter < COUNTER_MAX) {
        counter++;
      } else {
        lastMillis++;
        counter = 0;
      }
      millis = lastMillis;
      sequence = counter;
    }
    long msb = (millis << 16) | 0x7000L | sequence;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /** The Unix time in milliseconds held by a version 7 UUID. */
  public static long timestamp(UUID uuid) {
    if (uuid.version() != 7) {
      throw new IllegalArgumentException("not a version 7 UUID: version " + uuid.version());
    }
    return uuid.getMostSignificantBits() >>> 16;
  }
}
