package dev.quarry.bench;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.internal.CursorCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paging a feed of {@code rows} posts, newest first, 20 a page, at several depths. The baseline is
 * one hand-written keyset statement ({@code WHERE (created_at, id) < (?, ?) ORDER BY ... LIMIT 20}
 * on the index {@code @KeysetPaged} generates); each peer runs its own natural seek: the same
 * statement through Spring and Jdbi, jOOQ's {@code seek()}, a row-value comparison in HQL.
 * Against them: Quarry's {@code sliceAfter} and {@code sliceBefore} (a {@link dev.quarry.runtime.Slice}
 * that also knows whether rows lie on its other side), OFFSET paging written by hand, and
 * Quarry's {@code page()}, which adds the table's total count to its OFFSET page, and
 * {@code page(p, size, total)}, which takes the total the caller kept from its first page.
 */
final class KeysetBenchmark {
  static final int[] DEPTHS = {1_000, 100_000, 500_000};
  static final int SIZE = 20;

  static final String HAND_AFTER = "hand keyset statement (after)";
  static final String HAND_BEFORE = "hand keyset statement (before)";
  static final String QUARRY_AFTER = "Quarry sliceAfter";
  static final String QUARRY_BEFORE = "Quarry sliceBefore";
  static final String SPRING = "Spring JdbcTemplate seek";
  static final String JDBI = "Jdbi 3 seek";
  static final String JOOQ = "jOOQ seek()";
  static final String HIBERNATE = "Hibernate HQL seek";
  static final String OFFSET = "hand OFFSET";
  static final String QUARRY_PAGE = "Quarry page(p, size): OFFSET + count";
  static final String QUARRY_PAGE_KNOWN = "Quarry page(p, size, total): OFFSET only";
  static final String QUARRY_COUNT = "Quarry count() alone";

  private final Peers p;
  private final int rows;

  KeysetBenchmark(Peers p, int rows) {
    this.p = p;
    this.rows = rows;
  }

  /**
   * Fills the table and returns, for each depth, the position a reader holds after that many
   * rows, newest first. The rows themselves are let go: a million of them kept alive would only
   * slow the collector in every round.
   */
  private List<BenchPost> seed(BenchPostDao dao) {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<BenchPost> posts = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      posts.add(new BenchPost(i, base.plusMillis(i * 250L), "post " + i));
    }
    Benchmarks.truncate(p.quarry, "bench_posts");
    dao.insertAll(posts);
    Benchmarks.sql(p.quarry, "VACUUM ANALYZE bench_posts");
    List<BenchPost> positions = new ArrayList<>();
    for (int depth : DEPTHS) {
      positions.add(posts.get(rows - 1 - depth(depth)));
    }
    return positions;
  }

  /** The depth itself, or as deep as a smaller table allows. */
  private int depth(int depth) {
    return Math.min(depth, rows - SIZE - 1);
  }

  static String section(int depth) {
    return "keyset-" + depth;
  }

  List<Measured> run(Harness.Settings settings) throws Exception {
    BenchPostDao dao = new BenchPostDao(p.quarry);
    List<BenchPost> positions = seed(dao);
    List<Measured> out = new ArrayList<>();
    for (int k = 0; k < DEPTHS.length; k++) {
      int depth = DEPTHS[k];
      int d = depth(depth);
      BenchPost at = positions.get(k);
      Cursor cursor = CursorCodec.writer(BenchPostDao.KEYSET).timestamptz(at.createdAt()).int8(at.id()).build();
      int page = d / SIZE + 1;
      List<Harness.Contender> contenders = new ArrayList<>(List.of(
          Harness.Contender.micro(HAND_AFTER, i -> p.hand.seekAfter(at, SIZE)),
          Harness.Contender.micro(QUARRY_AFTER, i -> dao.sliceAfter(cursor, SIZE)),
          Harness.Contender.micro(HAND_BEFORE, i -> p.hand.seekBefore(at, SIZE)),
          Harness.Contender.micro(QUARRY_BEFORE, i -> dao.sliceBefore(cursor, SIZE)),
          Harness.Contender.micro(SPRING, i -> p.spring.seekAfter(at, SIZE)),
          Harness.Contender.micro(JDBI, i -> p.jdbi.seekAfter(at, SIZE)),
          Harness.Contender.micro(JOOQ, i -> p.jooq.seekAfter(at, SIZE)),
          Harness.Contender.micro(HIBERNATE, i -> p.hibernate.seekAfter(at, SIZE)),
          Harness.Contender.micro(OFFSET, i -> p.hand.offsetPage(d, SIZE)),
          Harness.Contender.micro(QUARRY_PAGE, i -> dao.page(page, SIZE)),
          Harness.Contender.micro(QUARRY_PAGE_KNOWN, i -> dao.page(page, SIZE, rows))));
      if (depth == DEPTHS[0]) {
        contenders.add(Harness.Contender.micro(QUARRY_COUNT, i -> dao.count()));
      }
      out.add(Harness.run(section(depth), String.format(Locale.ROOT, "paging %,d posts, 20 a page, at depth %,d", rows, d),
          contenders, settings));
    }
    return out;
  }
}
