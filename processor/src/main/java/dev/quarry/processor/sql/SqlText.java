package dev.quarry.processor.sql;

import java.util.Optional;

/**
 * Lexical checks of SQL an annotation supplies as text (an index predicate): it must stay one
 * expression inside the statement Quarry places it in. PostgreSQL's lexical rules are followed
 * ("Lexical Structure" in its documentation): quoted strings ({@code ''} doubled, {@code E''}
 * with backslash escapes), quoted identifiers, dollar quotes, comments and parentheses.
 */
public final class SqlText {
  private SqlText() {}

  /**
   * Why {@code sql} is not one self-contained expression, or empty when it is: no {@code ;}
   * outside quotes (which would end the statement), no comment (which would swallow what Quarry
   * writes after it), parentheses that close where they open, quotes that end, no NUL.
   */
  public static Optional<String> problemInExpression(String sql) {
    int depth = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
      if (c == '\0') {
        return Optional.of("it contains a NUL character");
      } else if (c == ';') {
        return Optional.of("it contains ';', which would end the statement");
      } else if (c == '-' && next == '-' || c == '/' && next == '*') {
        return Optional.of("it contains a comment, which would hide what follows it");
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return Optional.of("it closes a parenthesis it did not open");
      } else if (c == '\'' || c == '"') {
        boolean escapes = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        int end = closing(sql, i, c, escapes);
        if (end < 0) {
          return Optional.of("a quoted " + (c == '"' ? "name" : "string") + " is not closed");
        }
        i = end;
      } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        int tagEnd = sql.indexOf('$', i + 1);
        if (tagEnd > 0 && sql.substring(i + 1, tagEnd).matches("[A-Za-z_][A-Za-z0-9_]*|")) {
          String tag = sql.substring(i, tagEnd + 1);
          int end = sql.indexOf(tag, tagEnd + 1);
          if (end < 0) {
            return Optional.of("a dollar-quoted string is not closed");
          }
          i = end + tag.length() - 1;
        }
      }
      i++;
    }
    return depth == 0 ? Optional.empty() : Optional.of("a parenthesis is not closed");
  }

  /** The index of the quote that closes the one at {@code start}, or -1. */
  private static int closing(String sql, int start, char quote, boolean backslashEscapes) {
    for (int i = start + 1; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i++;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
