package dev.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI runs the benchmarks at a tiny size: they must work, their timings are not judged here. */
class BenchmarksSmokeTest {
  @Test
  void everyBenchmarkAndEveryPeerRunsAtATinySizeAndIsReported(@TempDir Path out) throws Exception {
    Benchmarks.main(new String[] {"rows=500", "upsertRows=500", "crudRows=200", "feedRows=1000", "monthRows=100",
        "rounds=2", "bulkRounds=1", "warmupRuns=0", "warmupCalls=2", "warmupMillis=0", "roundMillis=2", "smoke",
        "out=" + out, "run=smoke"});
    Path readme = out.resolve("README.md");
    Files.writeString(readme, "# Benchmarks\n\n" + Report.BEGIN + "\nold figures\n" + Report.END + "\n\nafter\n");

    Benchmarks.main(new String[] {"report", out.toString(), readme.toString()});

    Report.Run run = Report.load(out.resolve("run-smoke.tsv"));
    for (Measured m : run.sections()) {
      for (double[] times : m.millis()) {
        for (double t : times) {
          assertTrue(t > 0, m.section() + ": a time of " + t);
        }
      }
    }
    List<String> crud = run.sections().get(0).names();
    assertTrue(crud.containsAll(CrudBenchmark.PEERS), "every peer in " + crud);
    assertTrue(Files.size(out.resolve("ratios.png")) > 1000);
    assertTrue(Files.readString(out.resolve("ratios.svg")).contains("<svg"));
    String text = Files.readString(readme);
    assertTrue(text.contains("results/ratios.png") && text.contains("| target |") && !text.contains("old figures"), text);
    assertTrue(text.endsWith("\n\nafter\n"));
  }

  @Test
  void jdbcUrlsBecomeLibpqConnectionStrings() {
    Map<String, String> c = BulkInsertBenchmark.libpq("jdbc:postgresql://db.internal:6543/app?user=me&password=s%26cret");
    assertEquals("host=db.internal port=6543 dbname=app user=me", c.get("dsn"));
    assertEquals("s&cret", c.get("password"));
  }
}
