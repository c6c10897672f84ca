package dev.quarry.processor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reading of an {@code @Sql} statement: where its {@code :name} parameters are, and the
 * JDBC text that makes PostgreSQL run exactly the statement written.
 *
 * <p>It scans as PostgreSQL's lexer does (and as pgjdbc's parser, which sees the JDBC text,
 * must agree): string constants ({@code '...'} with doubled quotes, {@code E'...'} with
 * backslash escapes), quoted identifiers, dollar-quoted bodies ({@code $tag$...$tag$}, not
 * after an identifier character, where {@code $} may be part of the name), {@code --} and
 * nested {@code /* * /} comments are copied untouched. In the rest:
 * <ul>
 *   <li>{@code ::} is a cast;</li>
 *   <li>{@code :name} is a parameter and becomes {@code ?}, except inside square brackets right
 *       after an operand ({@code arr[lo:hi]} is an array slice; write {@code arr[:lo : :hi]}
 *       for parameter bounds);</li>
 *   <li>a {@code ?} is an operator character ({@code ?}, {@code ?|}, {@code ?&}, {@code @?}):
 *       pgjdbc would take it for a placeholder, so it is written {@code ??}, pgjdbc's escape for
 *       a literal {@code ?}.</li>
 * </ul>
 *
 * @param sql the JDBC text: {@code ?} markers, operator {@code ?} doubled
 * @param names the parameter name of each marker, in order (a name used twice appears twice)
 * @param offsets for each marker, the index of its {@code :} in {@code text}
 * @param text the statement as written
 */
public record NamedParameters(String sql, List<String> names, List<Integer> offsets, String text) {

  public NamedParameters {
    names = List.copyOf(names);
    offsets = List.copyOf(offsets);
  }

  /** Reads {@code text}, the statement as written in {@code @Sql}. */
  public static NamedParameters parse(String text) {
    Scan scan = new Scan(text);
    scan.run();
    return new NamedParameters(scan.sql.toString(), scan.names, scan.offsets, text);
  }

  /**
   * The statement as PostgreSQL receives it: each marker {@code $1}, {@code $2} ... in order,
   * everything else as written (this is also what pgjdbc sends for {@link #sql()}).
   */
  public String nativeSql() {
    StringBuilder b = new StringBuilder(text.length() + 8);
    int from = 0;
    for (int i = 0; i < offsets.size(); i++) {
      int at = offsets.get(i);
      b.append(text, from, at).append('$').append(i + 1);
      from = at + 1 + names.get(i).length();
    }
    return b.append(text, from, text.length()).toString();
  }

  /** The index in {@link #text()} of the character at {@code position} (0-based) of {@link #nativeSql()}. */
  public int textIndex(int position) {
    int shift = 0;
    for (int i = 0; i < offsets.size(); i++) {
      int at = offsets.get(i);
      String marker = "$" + (i + 1);
      if (position < at + shift) {
        break;
      }
      if (position < at + shift + marker.length()) {
        return at;
      }
      shift += marker.length() - 1 - names.get(i).length();
    }
    return Math.max(0, Math.min(text.length(), position - shift));
  }

  /** The words of the statement outside literals, quoted names and comments, lower-cased, in order. */
  public static List<String> words(String text) {
    Scan scan = new Scan(text);
    scan.run();
    return scan.words;
  }

  /** One pass over the text; appends the JDBC text and records markers and words. */
  private static final class Scan {
    private final String text;
    private final int n;
    private final StringBuilder sql;
    private final List<String> names = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private int brackets;

    Scan(String text) {
      this.text = text;
      this.n = text.length();
      this.sql = new StringBuilder(n + 8);
    }

    void run() {
      int i = 0;
      while (i < n) {
        int end = skip(i);
        if (end > i) {
          sql.append(text, i, end);
          i = end;
        } else {
          i = code(i);
        }
      }
    }

    /** The end of the literal, quoted name or comment starting at {@code i}, or {@code i} if none does. */
    private int skip(int i) {
      char c = text.charAt(i);
      if (c == '\'') {
        return singleQuoted(i, escapeString(i));
      }
      if (c == '"') {
        return doubleQuoted(i);
      }
      if (c == '-' && at(i + 1) == '-') {
        return lineComment(i);
      }
      if (c == '/' && at(i + 1) == '*') {
        return blockComment(i);
      }
      if (c == '$' && (i == 0 || !identifierPart(text.charAt(i - 1)))) {
        String tag = dollarTag(i);
        if (tag != null) {
          int close = text.indexOf(tag, i + tag.length());
          return close < 0 ? n : close + tag.length();
        }
      }
      return i;
    }

    /** Copies one piece of code at {@code i} and returns where the next starts. */
    private int code(int i) {
      char c = text.charAt(i);
      if (c == ':' && at(i + 1) == ':') {
        sql.append("::");
        return i + 2;
      }
      if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(text.charAt(i + 1)) && !slice(i)) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(text.charAt(end))) {
          end++;
        }
        names.add(text.substring(i + 1, end));
        offsets.add(i);
        sql.append('?');
        return end;
      }
      if (c == '?') {
        sql.append("??");
        return i + 1;
      }
      if (identifierStart(c)) {
        int end = i + 1;
        while (end < n && identifierPart(text.charAt(end))) {
          end++;
        }
        words.add(text.substring(i, end).toLowerCase(Locale.ROOT));
        sql.append(text, i, end);
        return end;
      }
      if (c == '[') {
        brackets++;
      } else if (c == ']' && brackets > 0) {
        brackets--;
      }
      sql.append(c);
      return i + 1;
    }

    /** Inside {@code [...]}, a colon right after an operand separates slice bounds. */
    private boolean slice(int i) {
      if (brackets == 0 || i == 0) {
        return false;
      }
      char before = text.charAt(i - 1);
      return identifierPart(before) || before == ')' || before == ']' || before == '"' || before == '\'';
    }

    /** {@code E'...'} (not the end of a longer word): backslash escapes apply. */
    private boolean escapeString(int i) {
      if (i == 0) {
        return false;
      }
      char e = text.charAt(i - 1);
      // pgjdbc wants a character before the E too; a statement cannot start with a literal anyway
      return (e == 'e' || e == 'E') && i >= 2 && !identifierPart(text.charAt(i - 2));
    }

    private int singleQuoted(int start, boolean backslashes) {
      int i = start + 1;
      while (i < n) {
        char c = text.charAt(i);
        if (backslashes && c == '\\') {
          i += 2;
        } else if (c == '\'' && at(i + 1) == '\'') {
          i += 2;
        } else if (c == '\'') {
          return i + 1;
        } else {
          i++;
        }
      }
      return n;
    }

    private int doubleQuoted(int start) {
      int i = start + 1;
      while (i < n) {
        if (text.charAt(i) == '"') {
          if (at(i + 1) != '"') {
            return i + 1;
          }
          i++;
        }
        i++;
      }
      return n;
    }

    private int lineComment(int start) {
      int i = start + 2;
      while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      return i;
    }

    /** PostgreSQL's block comments nest: {@code /* a /* b * / c * /} is one comment. */
    private int blockComment(int start) {
      int depth = 1;
      int i = start + 2;
      while (i < n && depth > 0) {
        if (text.charAt(i) == '/' && at(i + 1) == '*') {
          depth++;
          i += 2;
        } else if (text.charAt(i) == '*' && at(i + 1) == '/') {
          depth--;
          i += 2;
        } else {
          i++;
        }
      }
      return i;
    }

    /** {@code $tag$} or {@code $$} at {@code i}, else null: {@code $1} is a positional parameter. */
    private String dollarTag(int i) {
      int end = i + 1;
      if (end < n && text.charAt(end) != '$' && !identifierStart(text.charAt(end))) {
        return null;
      }
      while (end < n && text.charAt(end) != '$' && identifierPart(text.charAt(end))) {
        end++;
      }
      return end < n && text.charAt(end) == '$' ? text.substring(i, end + 1) : null;
    }

    private char at(int i) {
      return i < n ? text.charAt(i) : '\0';
    }
  }

  /** PostgreSQL's lexer: identifiers start with an ASCII letter, an underscore or any non-ASCII character. */
  static boolean identifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c > 127;
  }

  /** ... and continue with those, ASCII digits and {@code $}. */
  static boolean identifierPart(char c) {
    return identifierStart(c) || (c >= '0' && c <= '9') || c == '$';
  }
}
