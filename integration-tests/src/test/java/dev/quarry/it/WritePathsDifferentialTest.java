package dev.quarry.it;

import static dev.quarry.it.DifferentialTypes.AGREE;
import static dev.quarry.it.DifferentialTypes.REFUSED;
import static dev.quarry.it.DifferentialTypes.same;
import static dev.quarry.it.DifferentialTypes.show;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.quarry.it.DifferentialTypes.Type;
import dev.quarry.runtime.QuarryException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One value, one result: every value of every supported type ({@link DifferentialTypes}) is
 * written through every write path ({@link Path}) and read back. Each path must store what the
 * type's oracle says PostgreSQL stores, or, for a value PostgreSQL cannot hold, fail with the
 * same exception as every other path (an {@link IllegalArgumentException} that names the
 * component, or the same {@link QuarryException} and SQLSTATE) having written nothing.
 *
 * <p>Seeded: {@code -Dquarry.differential.seed=N} replays a run, {@code -Dquarry.differential.values=N}
 * sets how many random values each type gets besides its edge values (default 8, seconds in CI).
 * The {@code slow} run ({@code mvn -Pslow verify}) takes 300 random values per type from a fresh seed.
 */
class WritePathsDifferentialTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static DifferentialDao dao;
  static final AtomicLong ids = new AtomicLong();
  static final RecordComponent[] COMPONENTS = Differential.class.getRecordComponents();

  @BeforeAll
  static void schema() {
    DifferentialTypes.schema(pg);
    dao = new DifferentialDao(pg.db());
  }

  @TestFactory
  Stream<DynamicTest> everyTypeThroughEveryPath() {
    return run(Long.getLong("quarry.differential.seed", 20261130L), Integer.getInteger("quarry.differential.values", 8));
  }

  @Tag("slow")
  @TestFactory
  Stream<DynamicTest> manyRandomValuesThroughEveryPath() {
    return run(Long.getLong("quarry.differential.seed", System.nanoTime()), Integer.getInteger("quarry.differential.values", 300));
  }

  private static Stream<DynamicTest> run(long seed, int randoms) {
    return DifferentialTypes.ALL.stream().map(type -> dynamicTest(type.component() + " (seed " + seed + ")", () -> {
      Random random = new Random(seed ^ type.component().hashCode());
      List<Object> values = new ArrayList<>(type.edges());
      values.add(null);
      for (int i = 0; i < randoms; i++) {
        values.add(type.random().apply(random));
      }
      List<String> problems = check(type, values);
      assertTrue(problems.isEmpty(), () -> problems.size() + " disagreement(s) for " + type.component() + ", seed "
          + seed + ":\n" + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }));
  }

  /**
   * Writes every value through every path and returns what disagrees, one line each. INSERT
   * goes first, one row at a time, as the reference; the bulk paths then take every value
   * INSERT stored in one batch (one value per row, one call for the bulk paths), and each value
   * INSERT refused alone.
   */
  private static List<String> check(Type type, List<Object> values) {
    List<String> problems = new ArrayList<>();
    List<Map<Path, Outcome>> outcomes = new ArrayList<>();
    for (Object value : values) {
      Map<Path, Outcome> byPath = new EnumMap<>(Path.class);
      byPath.put(Path.INSERT, write(Path.INSERT, type.component(), Collections.singletonList(value), problems).get(0));
      outcomes.add(byPath);
    }
    for (Path path : Path.values()) {
      if (path == Path.INSERT) {
        continue;
      }
      List<Integer> batch = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        if (!outcomes.get(i).get(Path.INSERT).failed()) {
          batch.add(i);
        } else {
          outcomes.get(i).put(path, write(path, type.component(), Collections.singletonList(values.get(i)), problems).get(0));
        }
      }
      if (!batch.isEmpty()) {
        List<Outcome> results = write(path, type.component(), batch.stream().map(values::get).toList(), problems);
        for (int k = 0; k < batch.size(); k++) {
          outcomes.get(batch.get(k)).put(path, results.get(k));
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      compare(type, values.get(i), outcomes.get(i), problems);
    }
    return problems;
  }

  private static void compare(Type type, Object value, Map<Path, Outcome> outcomes, List<String> problems) {
    Outcome reference = outcomes.get(Path.INSERT);
    String what = type.component() + " " + show(value);
    for (Map.Entry<Path, Outcome> e : outcomes.entrySet()) {
      Object expected = (e.getKey() == Path.SQL_PARAMETERS ? type.expectAsParameter() : type.expect()).apply(value);
      Outcome o = e.getValue();
      String where = what + " via " + e.getKey() + ": ";
      if (expected == REFUSED || expected == AGREE && reference.failed()) {
        if (!o.failed()) {
          problems.add(where + "stored " + show(o.stored()) + ", expected a failure");
        } else if (!o.sameFailure(reference)) {
          problems.add(where + "failed with " + o + ", but " + Path.INSERT + " with " + reference);
        } else if (o.failure() == IllegalArgumentException.class && !o.message().contains("." + type.component() + ":")) {
          problems.add(where + "the message does not name the component: " + o.message());
        }
      } else if (o.failed()) {
        problems.add(where + "failed with " + o + ": " + firstLine(o.message()) + "; expected "
            + (expected == AGREE ? "what " + Path.INSERT + " stored" : show(expected)));
      } else if (!same(o.stored(), expected == AGREE ? reference.stored() : expected)) {
        problems.add(where + "stored " + show(o.stored()) + ", expected "
            + show(expected == AGREE ? reference.stored() : expected));
      }
    }
  }

  /**
   * One write of {@code values} (one row each) through one path, then each value read back; or,
   * when the write fails, the failure for every value, after checking that nothing was written.
   * A failed batch of several values is retried one value at a time, to say which one failed.
   */
  private static List<Outcome> write(Path path, String component, List<Object> values, List<String> problems) {
    List<Differential> rows = new ArrayList<>();
    for (Object value : values) {
      long id = ids.incrementAndGet();
      rows.add(with(base(id), component, value));
    }
    if (path.existing) {
      dao.insertAll(rows.stream().map(r -> base(r.id())).toList());
    }
    List<Long> keys = rows.stream().map(Differential::id).toList();
    try {
      List<Differential> returned = path.write(rows);
      Map<Long, Differential> read = dao.findByIds(keys);
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        Object stored = component(read.get(keys.get(i)), component);
        if (returned != null && !same(component(returned.get(i), component), stored)) {
          problems.add(component + " " + show(values.get(i)) + " via " + path + ": returned "
              + show(component(returned.get(i), component)) + " but stored " + show(stored));
        }
        outcomes.add(new Outcome(stored, null, null, null));
      }
      return outcomes;
    } catch (IllegalArgumentException | QuarryException e) {
      if (values.size() > 1) {
        problems.add(component + ": a batch of " + values.size() + " values via " + path + " failed with "
            + firstLine(e.getMessage()));
        return values.stream().map(v -> write(path, component, Collections.singletonList(v), problems).get(0)).toList();
      }
      Map<Long, Differential> read = dao.findByIds(keys);
      boolean untouched = path.existing
          ? read.values().stream().allMatch(r -> component(r, component) == null) && read.size() == keys.size()
          : read.isEmpty();
      if (!untouched) {
        problems.add(component + " " + values.stream().map(DifferentialTypes::show).toList() + " via " + path
            + ": failed, but wrote rows anyway");
      }
      Outcome failed = new Outcome(null, e.getClass(), e instanceof QuarryException q ? q.sqlState() : null, e.getMessage());
      return List.of(failed);
    }
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** The result of one write: the value stored, or the failure's class, SQLSTATE and message. */
  record Outcome(Object stored, Class<?> failure, String sqlState, String message) {
    boolean failed() {
      return failure != null;
    }

    boolean sameFailure(Outcome other) {
      return failure == other.failure && java.util.Objects.equals(sqlState, other.sqlState);
    }

    @Override
    public String toString() {
      return failed() ? failure.getSimpleName() + (sqlState == null ? "" : " " + sqlState) : "stored " + show(stored);
    }
  }

  /**
   * Every way a DAO writes a row. {@code existing}: the row is inserted with every value column
   * NULL first, so the path takes its UPDATE branch.
   */
  enum Path {
    INSERT(false, false) {
      @Override List<Differential> write(List<Differential> rows) {
        return rows.stream().map(dao::insert).toList();
      }
    },
    UPDATE(true, false) {
      @Override List<Differential> write(List<Differential> rows) {
        return rows.stream().map(r -> dao.update(r).orElseThrow()).toList();
      }
    },
    UPSERT(false, false) {
      @Override List<Differential> write(List<Differential> rows) {
        return rows.stream().map(dao::upsert).toList();
      }
    },
    UPSERT_BY_TAG_EXISTING(true, false) {
      @Override List<Differential> write(List<Differential> rows) {
        return rows.stream().map(dao::upsertByTag).toList();
      }
    },
    SQL_PARAMETERS(true, false) {
      @Override List<Differential> write(List<Differential> rows) {
        for (Differential row : rows) {
          Object[] args = new Object[COMPONENTS.length - 1];
          args[0] = row.id();
          for (int i = 2; i < COMPONENTS.length; i++) {
            args[i - 1] = component(row, COMPONENTS[i].getName());
          }
          invoke(writeAll(), dao, args);
        }
        return null;
      }
    },
    INSERT_ALL(false, true) {
      @Override List<Differential> write(List<Differential> rows) {
        dao.insertAll(rows);
        return null;
      }
    },
    INSERT_ALL_RETURNING(false, true) {
      @Override List<Differential> write(List<Differential> rows) {
        return dao.insertAllReturning(rows);
      }
    },
    UPSERT_ALL_EXISTING(true, true) {
      @Override List<Differential> write(List<Differential> rows) {
        dao.upsertAll(rows);
        return null;
      }
    },
    UPSERT_ALL_BY_TAG(false, true) {
      @Override List<Differential> write(List<Differential> rows) {
        dao.upsertAllByTag(rows);
        return null;
      }
    };

    final boolean existing;
    final boolean bulk;

    Path(boolean existing, boolean bulk) {
      this.existing = existing;
      this.bulk = bulk;
    }

    /** Writes the rows; returns them as the path returned them, or null when it returns none. */
    abstract List<Differential> write(List<Differential> rows);
  }

  // ---- records by component name ----

  static Differential base(long id) {
    Object[] args = new Object[COMPONENTS.length];
    args[0] = id;
    args[1] = "t" + id;
    return construct(args);
  }

  static Differential with(Differential row, String component, Object value) {
    Object[] args = new Object[COMPONENTS.length];
    for (int i = 0; i < COMPONENTS.length; i++) {
      args[i] = COMPONENTS[i].getName().equals(component) ? value : component(row, COMPONENTS[i].getName());
    }
    return construct(args);
  }

  static Object component(Differential row, String name) {
    for (RecordComponent c : COMPONENTS) {
      if (c.getName().equals(name)) {
        return invoke(c.getAccessor(), row);
      }
    }
    throw new IllegalStateException("Differential has no component " + name);
  }

  private static Differential construct(Object[] args) {
    try {
      Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
      return Differential.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Method writeAll() {
    return Arrays.stream(DifferentialDao.class.getMethods()).filter(m -> m.getName().equals("writeAll")).findFirst()
        .orElseThrow();
  }

  /** Calls through reflection, rethrowing what the method threw as itself. */
  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
