package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.ConnectionLostException;
import dev.quarry.runtime.DataException;
import dev.quarry.runtime.ExclusionViolationException;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.NoPartitionException;
import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.PermissionDeniedException;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.QueryTimeoutException;
import dev.quarry.runtime.ResourceExhaustedException;
import dev.quarry.runtime.TransactionOutcomeUnknownException;
import dev.quarry.runtime.TransientDataException;
import dev.quarry.runtime.UniqueViolationException;
import java.io.EOFException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Every SQLSTATE the reliability notes classify (§2.1) lands on its exception type, whatever
 * the message; retries follow the SQLSTATE, never a lost connection.
 */
class SqlStatesTest {
  /** SQLSTATE -> the type it must become. The server messages are the ones PostgreSQL 15 sends. */
  static final Map<String, Class<? extends QuarryException>> TYPES = Map.ofEntries(
      Map.entry("40001", TransientDataException.class),
      Map.entry("40P01", TransientDataException.class),
      Map.entry("55P03", TransientDataException.class),
      Map.entry("57014", QueryTimeoutException.class),
      Map.entry("23505", UniqueViolationException.class),
      Map.entry("23503", ForeignKeyViolationException.class),
      Map.entry("23502", NotNullViolationException.class),
      Map.entry("23514", CheckViolationException.class),
      Map.entry("23P01", ExclusionViolationException.class),
      Map.entry("22001", DataException.class),
      Map.entry("22P02", DataException.class),
      Map.entry("22003", DataException.class),
      Map.entry("22021", DataException.class),
      Map.entry("42501", PermissionDeniedException.class),
      Map.entry("53300", ResourceExhaustedException.class),
      Map.entry("53200", ResourceExhaustedException.class),
      Map.entry("25P03", ConnectionLostException.class),
      Map.entry("57P01", ConnectionLostException.class),
      Map.entry("57P02", ConnectionLostException.class),
      Map.entry("57P03", ConnectionLostException.class),
      Map.entry("57P05", ConnectionLostException.class),
      Map.entry("08000", ConnectionLostException.class),
      Map.entry("08001", ConnectionLostException.class),
      Map.entry("08003", ConnectionLostException.class),
      Map.entry("08004", ConnectionLostException.class),
      Map.entry("08006", ConnectionLostException.class),
      Map.entry("08P01", ConnectionLostException.class),
      Map.entry("21000", QuarryException.class),
      Map.entry("42P10", QuarryException.class),
      Map.entry("25P02", QuarryException.class),
      Map.entry("0A000", QuarryException.class),
      Map.entry("42P07", QuarryException.class));

  @Test
  void everyClassifiedCodeBecomesItsType() {
    TYPES.forEach((state, type) -> {
      QuarryException e = SqlStates.translate(server(state, "some message", "some_constraint"), "Dao.m", "SELECT 1");
      assertSame(type, e.getClass(), state);
      assertEquals(state, e.sqlState());
      assertTrue(e.getMessage().startsWith("Dao.m failed: "), e.getMessage());
    });
  }

  @Test
  void aNoPartitionErrorIsA23514WithoutConstraint() {
    QuarryException e = SqlStates.translate(
        server("23514", "no partition of relation \"events\" found for row", null), "EventDao.insert", null);
    assertEquals("events", ((NoPartitionException) e).table());
  }

  @Test
  void driverConnectionFailuresAndPoolTimeoutsAreConnectionLoss() {
    SQLException io = new PSQLException("An I/O error occurred while sending to the backend.",
        PSQLState.CONNECTION_FAILURE, new EOFException());
    assertSame(ConnectionLostException.class, SqlStates.translate(io, "m", null).getClass());
    SQLException pool = new SQLTransientConnectionException("pool - Connection is not available, request timed out after 1000ms");
    assertSame(ConnectionLostException.class, SqlStates.translate(pool, "m", null).getClass());
  }

  @Test
  void onlyASessionEndingFailureOfCommitIsAnUnknownOutcome() {
    for (String state : new String[] {"08006", "08000", "57P01", "57P02"}) {
      assertSame(TransactionOutcomeUnknownException.class, SqlStates.translateCommit(server(state, "x", null), "m").getClass(), state);
    }
    SQLException io = new PSQLException("An I/O error occurred while sending to the backend.",
        PSQLState.CONNECTION_FAILURE, new EOFException());
    assertSame(TransactionOutcomeUnknownException.class, SqlStates.translateCommit(io, "m").getClass());
    // Known not committed: pgjdbc sent nothing, or the server had already ended the idle session.
    assertSame(ConnectionLostException.class, SqlStates.translateCommit(
        new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST), "m").getClass());
    assertSame(ConnectionLostException.class, SqlStates.translateCommit(server("25P03", "x", null), "m").getClass());
    // Known rolled back: the server answered COMMIT with an error.
    assertSame(TransientDataException.class, SqlStates.translateCommit(server("40001", "x", null), "m").getClass());
    assertSame(UniqueViolationException.class, SqlStates.translateCommit(server("23505", "x", "k"), "m").getClass());
  }

  @Test
  void retriesFollowTheSqlStateAndNeverALostConnection() {
    assertTrue(SqlStates.isRetryable(SqlStates.translate(server("40001", "x", null), "m", null)));
    assertTrue(SqlStates.isRetryable(SqlStates.translate(server("40P01", "x", null), "m", null)));
    assertFalse(SqlStates.isRetryable(SqlStates.translate(server("55P03", "x", null), "m", null)));
    assertFalse(SqlStates.isRetryable(SqlStates.translate(server("23505", "x", null), "m", null)));
    assertFalse(SqlStates.isRetryable(SqlStates.translate(server("57014", "x", null), "m", null)));
    assertFalse(SqlStates.isRetryable(SqlStates.translateCommit(server("08006", "x", null), "m")));
    // A unit that failed because it swallowed a serialization failure is rerun as a whole.
    QuarryException aborted = new QuarryException("unit", "25P02", null, SqlStates.translate(server("40001", "x", null), "m", null));
    assertTrue(SqlStates.isRetryable(aborted));
  }

  @Test
  void theServerErrorIsRebuiltWithoutDetailHintWhereAndQuotedValues() {
    String raw = "SERROR\0VERROR\0C22P02\0Minvalid input syntax for type integer: \"secret-value\"\0"
        + "DKey (email)=(secret@example.com) already exists.\0HHint with secret\0P12\0"
        + "WCOPY t, line 3, column id: \"secret-value\"\0qSELECT 'secret'\0spublic\0tt\0cid\0Fnumutils.c\0L232\0Rpg_strtoint32\0";
    QuarryException e = SqlStates.translate(new PSQLException(new ServerErrorMessage(raw)), "TDao.insertAll", "COPY t");
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    String printed = out.toString();
    assertFalse(printed.contains("secret"), printed);
    assertTrue(printed.contains("COPY t, line 3"), printed);
    ServerErrorMessage kept = ((PSQLException) e.getCause()).getServerErrorMessage();
    assertEquals("22P02", kept.getSQLState());
    assertEquals("public", kept.getSchema());
    assertEquals("t", kept.getTable());
    assertEquals("id", kept.getColumn());
    assertEquals("invalid input syntax for type integer", kept.getMessage());
    assertEquals(e.getCause().getStackTrace().length > 0, true);
  }

  @Test
  void valuesQuotedBeforeTheColonAreWithheldToo() {
    assertEquals("value (value withheld) is out of range for type integer",
        Redaction.primaryMessage("22003", "value \"99999999999\" is out of range for type integer"));
    assertEquals("duplicate key value violates unique constraint \"t_pkey\"",
        Redaction.primaryMessage("23505", "duplicate key value violates unique constraint \"t_pkey\""));
  }

  private static PSQLException server(String state, String message, String constraint) {
    StringBuilder b = new StringBuilder("SERROR\0C").append(state).append("\0M").append(message).append('\0');
    if (constraint != null) {
      b.append('n').append(constraint).append('\0');
    }
    return new PSQLException(new ServerErrorMessage(b.toString()));
  }
}
