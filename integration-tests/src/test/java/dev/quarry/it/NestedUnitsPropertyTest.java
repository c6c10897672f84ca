package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random programs of units nested up to three deep, with writes, statement failures that are
 * caught or not, user exceptions, and nested units whose failure is caught or not, run against
 * PostgreSQL and against a model of the contract: all-or-nothing per outermost unit, savepoint
 * semantics per nested unit, and never a silent success after a caught statement failure.
 * After each program the table holds exactly the model's rows, and the program ended the way
 * the model says (returned, or threw a QuarryException or the user's exception).
 *
 * <p>Seeded: a failure names its seed and the program, which replays with the same seed. The
 * number of programs is the environment variable {@code QUARRY_PROPERTY_PROGRAMS} (default 100,
 * about 12 s here; 5000 for a long run). With nested units joining the outer transaction instead
 * of being savepoints, 22 of the first 100 programs fail.
 */
class NestedUnitsPropertyTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static CounterDao counters;
  static Database db;

  @BeforeAll
  static void schema() {
    pg.apply(CounterSchema.statements());
    db = pg.db();
    counters = new CounterDao(db);
    counters.insert(new Counter("dup", 0));
  }

  static LongStream seeds() {
    String env = System.getenv("QUARRY_PROPERTY_PROGRAMS");
    int programs = Integer.getInteger("quarry.property.programs", env == null ? 100 : Integer.parseInt(env));
    return LongStream.range(0, programs).map(i -> 0x5EED0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aProgramLeavesExactlyWhatTheModelSays(long seed) {
    Block program = Block.random(new SplittableRandom(seed), "p" + Long.toHexString(seed) + "-", 0, new int[1]);
    Model model = new Model();
    Outcome expected = model.runOutermost(program);
    Outcome actual;
    try {
      db.transaction(() -> program.run(this));
      actual = Outcome.RETURNED;
    } catch (Boom e) {
      actual = Outcome.USER_EXCEPTION;
    } catch (QuarryException e) {
      actual = Outcome.QUARRY_EXCEPTION;
    }
    String replay = "seed " + seed + ", program " + program;
    assertFalse(db.inTransaction(), replay);
    assertEquals(expected, actual, replay);
    assertEquals(model.committed, stored(program.prefix), replay);
  }

  private static TreeSet<String> stored(String prefix) {
    return db.withConnection(c -> {
      TreeSet<String> names = new TreeSet<>();
      try (var ps = c.prepareStatement("SELECT name FROM counters WHERE name LIKE ?")) {
        ps.setString(1, prefix + "%");
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
      }
      return names;
    });
  }

  /** How a program, or a step of it, ended. */
  enum Outcome { RETURNED, QUARRY_EXCEPTION, USER_EXCEPTION }

  /** The user's own exception. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom", null, false, false);
    }
  }

  /** One step of a program. */
  sealed interface Step permits Write, FailCaught, FailUncaught, Throw, Nested {}

  /** Inserts a fresh key. */
  record Write(String key) implements Step {}

  /** Inserts the existing key and catches the UniqueViolationException, without a savepoint. */
  record FailCaught() implements Step {}

  /** Inserts the existing key and lets the UniqueViolationException out. */
  record FailUncaught() implements Step {}

  /** Throws the user's exception. */
  record Throw() implements Step {}

  /** Runs a block as a nested unit, catching whatever it throws when {@code caught}. */
  record Nested(Block block, boolean caught) implements Step {}

  /** The steps of one unit. */
  record Block(String prefix, List<Step> steps) {
    static Block random(SplittableRandom r, String prefix, int depth, int[] keys) {
      int n = 1 + r.nextInt(5);
      List<Step> steps = new ArrayList<>();
      IntStream.range(0, n).forEach(i -> {
        int pick = r.nextInt(100);
        if (pick < 45) {
          steps.add(new Write(prefix + keys[0]++));
        } else if (pick < 55) {
          steps.add(new FailCaught());
        } else if (pick < 60) {
          steps.add(new FailUncaught());
        } else if (pick < 65) {
          steps.add(new Throw());
        } else if (depth < 3) {
          steps.add(new Nested(random(r, prefix, depth + 1, keys), r.nextInt(100) < 70));
        } else {
          steps.add(new Write(prefix + keys[0]++));
        }
      });
      return new Block(prefix, steps);
    }

    /** Runs the steps on the real database. */
    void run(NestedUnitsPropertyTest t) {
      for (Step s : steps) {
        if (s instanceof Write w) {
          counters.insert(new Counter(w.key(), 1));
        } else if (s instanceof FailCaught) {
          try {
            counters.insert(new Counter("dup", 1));
          } catch (UniqueViolationException caught) {
            // the program goes on as if it had handled it
          }
        } else if (s instanceof FailUncaught) {
          counters.insert(new Counter("dup", 1));
        } else if (s instanceof Throw) {
          throw new Boom();
        } else if (s instanceof Nested nested) {
          try {
            db.transaction(() -> nested.block().run(t));
          } catch (QuarryException | Boom e) {
            if (!nested.caught()) {
              throw e;
            }
          }
        }
      }
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("{");
      for (Step s : steps) {
        b.append(b.length() > 1 ? " " : "").append(label(s));
      }
      return b.append('}').toString();
    }

    private static String label(Step s) {
      if (s instanceof Write w) {
        return "w" + w.key().substring(w.key().lastIndexOf('-') + 1);
      }
      if (s instanceof Nested n) {
        return (n.caught() ? "try" : "nest") + n.block();
      }
      return s instanceof FailCaught ? "fail-caught" : s instanceof FailUncaught ? "fail" : "throw";
    }
  }

  /**
   * The contract as a model: a transaction's writes as a list, a savepoint as a mark in it, and
   * the abort flag PostgreSQL sets at a failed statement.
   */
  static final class Model {
    final List<String> writes = new ArrayList<>();
    boolean aborted;
    TreeSet<String> committed = new TreeSet<>();

    Outcome runOutermost(Block block) {
      Outcome o = run(block);
      if (o == Outcome.RETURNED && aborted) {
        o = Outcome.QUARRY_EXCEPTION; // a caught failure never ends as a silent success
      }
      if (o == Outcome.RETURNED) {
        committed.addAll(writes);
      }
      return o;
    }

    Outcome run(Block block) {
      for (Step s : block.steps()) {
        Outcome o = step(s);
        if (o != Outcome.RETURNED) {
          return o;
        }
      }
      return Outcome.RETURNED;
    }

    Outcome step(Step s) {
      if (s instanceof Throw) {
        return Outcome.USER_EXCEPTION;
      }
      if (aborted) {
        // Every statement of an aborted transaction fails (25P02), and a nested unit refuses to start.
        return s instanceof Nested n && n.caught() ? Outcome.RETURNED : Outcome.QUARRY_EXCEPTION;
      }
      if (s instanceof Write w) {
        writes.add(w.key());
        return Outcome.RETURNED;
      }
      if (s instanceof FailCaught) {
        aborted = true;
        return Outcome.RETURNED;
      }
      if (s instanceof FailUncaught) {
        aborted = true;
        return Outcome.QUARRY_EXCEPTION;
      }
      Nested n = (Nested) s;
      int savepoint = writes.size();
      Outcome o = run(n.block());
      if (o == Outcome.RETURNED && aborted) {
        o = Outcome.QUARRY_EXCEPTION;
      }
      if (o != Outcome.RETURNED) {
        writes.subList(savepoint, writes.size()).clear();
        aborted = false;
      }
      return o != Outcome.RETURNED && n.caught() ? Outcome.RETURNED : o;
    }
  }
}
