package dev.quarry.it;

import dev.quarry.runtime.Database;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Reads every tick in a JVM of its own, so that its heap limit is the test's: {@code stream}
 * through {@code Stream<Tick>}, {@code list} through {@code List<Tick>}. Prints the row count
 * and the sum of ids.
 */
public final class StreamProbe {
  private StreamProbe() {}

  public static void main(String[] args) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(args[0]);
    TickDao ticks = new TickDao(Database.of(ds));
    long rows = 0;
    long sum = 0;
    if (args[1].equals("stream")) {
      try (Stream<Tick> all = ticks.streamFrom(0)) {
        for (var it = all.iterator(); it.hasNext(); ) {
          rows++;
          sum += it.next().id();
        }
      }
    } else {
      List<Tick> all = ticks.listFrom(0);
      rows = all.size();
      sum = all.stream().mapToLong(Tick::id).sum();
    }
    System.out.println("rows=" + rows + " sum=" + sum + " maxHeap=" + Runtime.getRuntime().maxMemory());
  }
}
