package dev.quarry.runtime.internal;

import dev.quarry.runtime.QuarryException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Rebuilds driver exceptions without the values of rows and parameters, so that a logged stack
 * trace of a {@code QuarryException} never shows personal data.
 *
 * <p>What PostgreSQL sends with an error is split by field. Kept: severity, SQLSTATE, the
 * primary message (for data errors, class 22, without the quoted value it may embed), schema,
 * table, column, data type, constraint, and the server's source location. Dropped: DETAIL
 * ({@code Key (email)=(a@b.c) already exists}, {@code Failing row contains (...)}), HINT, the
 * statement position, internal query, and WHERE context except the {@code COPY t, line N}
 * prefix (the line maps to a row of a bulk call).
 *
 * <p>A driver message that is not a server error is kept only for connection failures (class
 * 08, pools' "connection not available"): fixed texts. Others, such as a batch entry, which
 * pgjdbc prints with its parameter values, or a conversion error ({@code Bad value for type int :
 * ...}), keep their class name and SQLSTATE and lose the text. Stack traces are kept.
 */
public final class Redaction {
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"]|\"\")*\"");
  private static final Pattern COPY_LINE = Pattern.compile("^COPY [^,\\n]+, line \\d+", Pattern.MULTILINE);
  private static final String WITHHELD = ": message withheld, it may contain bound values";

  private Redaction() {}

  /**
   * {@code t} rebuilt without values: driver exceptions anywhere in its cause chain, its
   * suppressed exceptions and its {@code getNextException()} chain are replaced by redacted
   * copies; a {@link QuarryException} is already redacted and returned as is.
   */
  public static Throwable redact(Throwable t) {
    return t == null ? null : redact(t, new IdentityHashMap<>(), true);
  }

  /**
   * The server's primary message as Quarry may show it: unchanged, except for data errors
   * (class 22) such as {@code invalid input syntax for type integer: "abc"} or {@code value "99"
   * is out of range}, which lose what follows the colon and every quoted value.
   */
  public static String primaryMessage(String sqlState, String text) {
    if (text == null || sqlState == null || !sqlState.startsWith("22")) {
      return text;
    }
    int colon = text.indexOf(": ");
    String head = colon < 0 ? text : text.substring(0, colon);
    return QUOTED.matcher(head).replaceAll("(value withheld)");
  }

  /**
   * {@code t} redacted, with its cause and suppressed exceptions; with its
   * {@code getNextException()} chain too when {@code chain}. The chain is copied here, link by
   * link and without recursion: a failed batch chains one exception per statement (25P02 for
   * every one after the first), thousands for a large batch.
   */
  private static Throwable redact(Throwable t, Map<Throwable, Throwable> done, boolean chain) {
    if (t instanceof QuarryException || t instanceof ValueFailure) {
      return t; // a ValueFailure's message is Quarry's own and holds no values
    }
    Throwable copy = done.get(t);
    if (copy != null) {
      return copy;
    }
    if (!(t instanceof SQLException) && !holdsDriverException(t, new IdentityHashMap<>())) {
      return t;
    }
    copy = t instanceof SQLException s ? copyOf(s) : new RuntimeException(
        t.getClass().getName() + ": message withheld, it wrapped a driver exception");
    done.put(t, copy);
    copy.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      copy.initCause(redact(cause, done, true));
    }
    for (Throwable s : t.getSuppressed()) {
      copy.addSuppressed(redact(s, done, true));
    }
    if (chain && t instanceof SQLException s && copy instanceof SQLException c) {
      Set<Throwable> walked = Collections.newSetFromMap(new IdentityHashMap<>());
      Set<Throwable> linked = Collections.newSetFromMap(new IdentityHashMap<>());
      walked.add(s);
      linked.add(c);
      SQLException last = c;
      for (SQLException next = s.getNextException(); next != null && walked.add(next); next = next.getNextException()) {
        if (!(redact(next, done, false) instanceof SQLException n) || !linked.add(n)) {
          continue;
        }
        last.setNextException(n); // last has no next: this links, without walking a chain
        last = n;
        if (n.getNextException() != null) {
          break; // a link met before, as a cause, was copied with the rest of its chain
        }
      }
    }
    return copy;
  }

  private static boolean holdsDriverException(Throwable t, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, Boolean.TRUE) != null || t instanceof QuarryException) {
      return false;
    }
    if (t instanceof SQLException) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (holdsDriverException(s, seen)) {
        return true;
      }
    }
    return holdsDriverException(t.getCause(), seen);
  }

  /** A copy without cause, suppressed or next exceptions; those are added by the caller. */
  private static SQLException copyOf(SQLException s) {
    ServerErrorMessage server = s instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (server != null) {
      return new PSQLException(new ServerErrorMessage(safeFields(server)));
    }
    String state = s.getSQLState();
    boolean fixedText = (state != null && state.startsWith("08"))
        || s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException;
    String message = fixedText ? s.getMessage() : s.getClass().getName() + WITHHELD;
    if (s instanceof PSQLException) {
      PSQLState known = psqlState(state);
      if (known != null) {
        return new PSQLException(message, known);
      }
    }
    if (s instanceof SQLTransientConnectionException) {
      return new SQLTransientConnectionException(message, state, s.getErrorCode());
    }
    return new SQLException(message, state, s.getErrorCode());
  }

  /** The wire form {@link ServerErrorMessage} parses: a type byte, the text, a NUL, per field. */
  private static String safeFields(ServerErrorMessage m) {
    StringBuilder b = new StringBuilder();
    field(b, 'S', m.getSeverity());
    field(b, 'C', m.getSQLState());
    field(b, 'M', primaryMessage(m.getSQLState(), m.getMessage()));
    field(b, 'W', copyLine(m.getWhere()));
    field(b, 's', m.getSchema());
    field(b, 't', m.getTable());
    field(b, 'c', m.getColumn());
    field(b, 'd', m.getDatatype());
    field(b, 'n', m.getConstraint());
    field(b, 'F', m.getFile());
    field(b, 'L', m.getLine() > 0 ? Integer.toString(m.getLine()) : null);
    field(b, 'R', m.getRoutine());
    return b.toString();
  }

  private static void field(StringBuilder b, char type, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(type).append(value.replace('\0', ' ')).append('\0');
    }
  }

  /** Only {@code COPY t, line N} of a WHERE context: its column part quotes the value. */
  private static String copyLine(String where) {
    if (where == null) {
      return null;
    }
    var m = COPY_LINE.matcher(where);
    return m.find() ? m.group() : null;
  }

  private static PSQLState psqlState(String state) {
    if (state == null) {
      return null;
    }
    for (PSQLState s : PSQLState.values()) {
      if (s.getState().equals(state)) {
        return s;
      }
    }
    return null;
  }
}
