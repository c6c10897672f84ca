package dev.quarry.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Single-row work on {@code bench_events}, one statement in auto-commit per call: find a row by
 * key, insert a row, update a row. Quarry's {@code insert} and {@code update} return the row as
 * stored ({@code RETURNING}); the baseline is hand-written JDBC running the same statements, and
 * hand-written JDBC without RETURNING is shown too, for what reading the row back costs. Every
 * contender visits the same keys in the same order; inserts go to key ranges of their own.
 */
final class CrudBenchmark {
  static final String FIND = "findById";
  static final String INSERT = "insert";
  static final String UPDATE = "update";
  static final List<String> OPS = List.of(FIND, INSERT, UPDATE);

  static final String HAND = "hand JDBC";
  static final String HAND_PLAIN = "hand JDBC, no RETURNING";
  static final String QUARRY = "Quarry";
  static final String SPRING = "Spring JdbcTemplate";
  static final String JDBI = "Jdbi 3";
  static final String JOOQ = "jOOQ DSL";
  static final String HIBERNATE = "Hibernate StatelessSession";
  static final List<String> PEERS = List.of(SPRING, JDBI, JOOQ, HIBERNATE);

  private final Peers p;
  private final BenchEventDao dao;
  private final int seeded;

  CrudBenchmark(Peers p, int seeded) {
    this.p = p;
    this.dao = new BenchEventDao(p.quarry);
    this.seeded = seeded;
  }

  List<Measured> run(Harness.Settings settings) throws Exception {
    Benchmarks.truncate(p.quarry, "bench_events");
    dao.insertAll(Benchmarks.events(0, seeded));
    Benchmarks.sql(p.quarry, "VACUUM ANALYZE bench_events");
    List<Measured> out = new ArrayList<>();
    out.add(Harness.run(FIND, String.format("findById: one row by key, of %,d", seeded), List.of(
        Harness.Contender.micro(HAND, i -> p.hand.findById(key(i))),
        Harness.Contender.micro(QUARRY, i -> dao.findById(key(i))),
        Harness.Contender.micro(SPRING, i -> p.spring.findById(key(i))),
        Harness.Contender.micro(JDBI, i -> p.jdbi.findById(key(i))),
        Harness.Contender.micro(JOOQ, i -> p.jooq.findById(key(i))),
        Harness.Contender.micro(HIBERNATE, i -> p.hibernate.findById(key(i)))), settings));
    out.add(Harness.run(INSERT, "insert: one new row", List.of(
        Harness.Contender.micro(HAND, i -> p.hand.insert(fresh(1, i))),
        Harness.Contender.micro(QUARRY, i -> dao.insert(fresh(2, i))),
        Harness.Contender.micro(SPRING, i -> p.spring.insert(fresh(3, i))),
        Harness.Contender.micro(JDBI, i -> p.jdbi.insert(fresh(4, i))),
        Harness.Contender.micro(JOOQ, i -> p.jooq.insert(fresh(5, i))),
        Harness.Contender.micro(HIBERNATE, i -> p.hibernate.insert(fresh(6, i))),
        Harness.Contender.micro(HAND_PLAIN, i -> p.hand.insertOnly(fresh(7, i)))), settings));
    out.add(Harness.run(UPDATE, "update: every column of one row, by key", List.of(
        Harness.Contender.micro(HAND, i -> p.hand.update(changed(i))),
        Harness.Contender.micro(QUARRY, i -> dao.update(changed(i))),
        Harness.Contender.micro(SPRING, i -> p.spring.update(changed(i))),
        Harness.Contender.micro(JDBI, i -> p.jdbi.update(changed(i))),
        Harness.Contender.micro(JOOQ, i -> p.jooq.update(changed(i))),
        Harness.Contender.micro(HIBERNATE, i -> p.hibernate.update(changed(i))),
        Harness.Contender.micro(HAND_PLAIN, i -> p.hand.updateOnly(changed(i)))), settings));
    return out;
  }

  /** The i-th key to read: a permutation of the seeded keys, so that reads do not repeat. */
  private long key(int i) {
    return (i * 7919L) % seeded;
  }

  /** A new row in a key range of the contender's own, so that inserts never collide. */
  private static BenchEvent fresh(int contender, int i) {
    return Benchmarks.event(contender * 1_000_000_000L + i, 0);
  }

  /** The i-th update: a seeded row with new values in every column. */
  private BenchEvent changed(int i) {
    return Benchmarks.event((i * 104_729L + 17) % seeded, i);
  }
}
