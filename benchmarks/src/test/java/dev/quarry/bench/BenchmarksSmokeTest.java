package dev.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CI runs the benchmarks at a tiny size: they must work, their timings are not judged here. */
class BenchmarksSmokeTest {
  @Test
  void everyBenchmarkRunsAtATinySize() throws Exception {
    Benchmarks.main(new String[] {"rows=3000", "upsertRows=2000", "feedRows=3000", "monthRows=500", "reps=1", "smoke"});
  }

  @Test
  void jdbcUrlsBecomeLibpqConnectionStrings() {
    Map<String, String> c = BulkInsertBenchmark.libpq("jdbc:postgresql://db.internal:6543/app?user=me&password=s%26cret");
    assertEquals("host=db.internal port=6543 dbname=app user=me", c.get("dsn"));
    assertEquals("s&cret", c.get("password"));
  }
}
