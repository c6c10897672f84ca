package dev.quarry.bench;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.internal.CursorCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deep pagination on a large table: OFFSET (the DAO's {@code PAGE} statement) against keyset
 * ({@code sliceAfter}) at several depths, 20 rows a page. OFFSET reads and discards every
 * skipped row; keyset seeks in the index, so its cost should not grow with depth.
 */
final class KeysetBenchmark {
  private static final int SIZE = 20;

  private final Database db;
  private final int rows;
  private final int iterations;

  KeysetBenchmark(Database db, int rows, int iterations) {
    this.db = db;
    this.rows = rows;
    this.iterations = iterations;
  }

  void run() throws Exception {
    BenchPostDao dao = new BenchPostDao(db);
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<BenchPost> posts = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      posts.add(new BenchPost(i, base.plusMillis(i * 250L), "post " + i));
    }
    dao.insertAll(posts);
    db.withConnection(c -> {
      Harness.sql(c, "VACUUM ANALYZE bench_posts");
      return null;
    });
    System.out.printf("keyset vs offset: %,d rows, %d per page, median of %d%n", rows, SIZE, iterations);
    double first = Harness.median(iterations, () -> dao.firstSlice(SIZE));
    System.out.printf(Locale.ROOT, "  %-28s %8.3f ms%n", "keyset first slice", first);
    double keysetDeepest = first;
    for (int depth : new int[] {1_000, 100_000, 500_000}) {
      int d = Math.min(depth, rows - SIZE - 1);
      // The cursor a client would hold after reading d rows: the position of row d (newest first).
      BenchPost at = posts.get(rows - 1 - d);
      Cursor cursor = CursorCodec.writer(BenchPostDao.KEYSET).timestamptz(at.createdAt()).int8(at.id()).build();
      double keyset = Harness.median(iterations, () -> dao.sliceAfter(cursor, SIZE));
      double offset = Harness.median(iterations, () -> offsetPage(d));
      keysetDeepest = keyset;
      System.out.printf(Locale.ROOT, "  depth %,9d   offset %9.3f ms   keyset %7.3f ms   offset/keyset %7.1fx%n",
          d, offset, keyset, offset / keyset);
    }
    System.out.printf(Locale.ROOT, "  ratio keyset deepest / keyset first slice  %6.2fx%n", keysetDeepest / first);
  }

  private void offsetPage(int offset) {
    db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(BenchPostDao.PAGE)) {
        ps.setInt(1, SIZE);
        ps.setLong(2, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(ZoneOffset.UTC);
          }
        }
      }
      return null;
    });
  }
}
