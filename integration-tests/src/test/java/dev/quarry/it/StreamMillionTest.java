package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A million rows through {@code Stream<Tick>} in a JVM limited to 64 MB of heap
 * ({@link StreamProbe}); the same rows read as a {@code List} do not fit, which shows the limit
 * is tight enough to catch a stream that buffers. Slow (about half a minute): {@code mvn -Pslow verify}.
 */
@Tag("slow")
class StreamMillionTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();
  static final long MILLION = 1_000_000;

  @BeforeAll
  static void seed() {
    pg.apply(TickSchema.statements());
    pg.sql("INSERT INTO ticks SELECT g, 'tick number ' || g || ' of a million' FROM generate_series(1, " + MILLION + ") g");
  }

  @Test
  void aMillionRowsStreamInSixtyFourMegabytes() throws Exception {
    Probe streamed = probe("stream");
    assertEquals(0, streamed.exit, streamed.output);
    assertTrue(streamed.output.contains("rows=" + MILLION + " sum=" + MILLION * (MILLION + 1) / 2), streamed.output);
  }

  @Test
  void theSameRowsAsAListDoNotFit() throws Exception {
    Probe listed = probe("list");
    assertNotEquals(0, listed.exit, listed.output);
    assertTrue(listed.output.contains("OutOfMemoryError"), listed.output);
  }

  private record Probe(int exit, String output) {}

  private static Probe probe(String mode) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), StreamProbe.class.getName(), pg.url(), mode);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the probe finished");
    return new Probe(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
