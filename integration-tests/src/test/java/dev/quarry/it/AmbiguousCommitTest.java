package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.ConnectionLostException;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.TransactionOutcomeUnknownException;
import dev.quarry.runtime.TxOptions;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Matrix row 14, the ambiguous commit: the connection breaks after COMMIT was sent. A loopback
 * proxy forwards the COMMIT, lets the server execute it, and closes the connection before the
 * answer reaches the client. The unit did commit, so Quarry must not say "rolled back" (a plain
 * ConnectionLostException) and must not run the non-idempotent unit again, whatever its retries.
 */
class AmbiguousCommitTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static CommitCuttingProxy proxy;
  static Database throughProxy;
  static CounterDao counters;
  static CounterDao direct;

  @BeforeAll
  static void proxy() throws Exception {
    pg.apply(CounterSchema.statements());
    proxy = new CommitCuttingProxy(pg.url());
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(CommitCuttingProxy.through(pg.url(), proxy.port()));
    throughProxy = Database.of(ds);
    counters = new CounterDao(throughProxy);
    direct = new CounterDao(pg.db());
  }

  @AfterAll
  static void close() throws Exception {
    proxy.close();
  }

  @BeforeEach
  void transparent() {
    proxy.mode(CommitCuttingProxy.Mode.PASS);
  }

  /** The control: through the proxy, a unit commits normally. */
  @Test
  void theProxyIsTransparentUntilToldOtherwise() {
    throughProxy.transaction(() -> counters.insert(new Counter("through-proxy", 1)));
    assertEquals(1L, direct.findById("through-proxy").orElseThrow().value());
  }

  @Test
  void aConnectionLostAfterCommitWasSentIsAnUnknownOutcomeAndIsNotRetried() {
    proxy.mode(CommitCuttingProxy.Mode.CUT_AFTER_COMMIT);
    AtomicInteger runs = new AtomicInteger();
    TransactionOutcomeUnknownException e = assertThrows(TransactionOutcomeUnknownException.class,
        () -> throughProxy.transaction(TxOptions.defaults().retries(5), () -> {
          runs.incrementAndGet();
          counters.insert(new Counter("ambiguous", 1));
        }));
    assertEquals(1, runs.get(), "the unit ran once: an unknown outcome is never retried");
    assertEquals(1, proxy.commitsAnsweredAndSwallowed.get(), "the server answered the COMMIT");
    assertEquals(1L, direct.findById("ambiguous").orElseThrow().value(), "and it had committed");
    assertEquals(1L, pg.value("SELECT count(*) FROM counters WHERE name = 'ambiguous'"), "exactly once");
    assertTrue(e.sqlState().startsWith("08"), "a broken connection: " + e.sqlState());
    assertFalse(throughProxy.inTransaction());
  }

  /**
   * The client cannot tell this case from the one above: the connection broke while COMMIT was
   * in flight. Here nothing committed; the type says "unknown" for both, which is the truth.
   */
  @Test
  void aConnectionLostBeforeTheServerSawTheCommitIsAlsoUnknownToTheClient() {
    proxy.mode(CommitCuttingProxy.Mode.CUT_BEFORE_COMMIT);
    assertThrows(TransactionOutcomeUnknownException.class,
        () -> throughProxy.transaction(() -> counters.insert(new Counter("never-committed", 1))));
    assertFalse(direct.existsById("never-committed"));
  }

  /** Known not committed: the session ended before COMMIT was sent. A plain ConnectionLostException. */
  @Test
  void aConnectionLostBeforeCommitIsAKnownRollback() {
    proxy.mode(CommitCuttingProxy.Mode.PASS);
    ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> throughProxy.transaction(
        TxOptions.defaults().retries(5), () -> {
          counters.insert(new Counter("terminated", 1));
          int pid = throughProxy.withConnection(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
              rs.next();
              return rs.getInt(1);
            }
          });
          pg.value("SELECT pg_terminate_backend(" + pid + ")");
          counters.count();
        }));
    assertFalse(e instanceof TransactionOutcomeUnknownException, "the failure came before COMMIT");
    assertFalse(direct.existsById("terminated"));
  }
}
