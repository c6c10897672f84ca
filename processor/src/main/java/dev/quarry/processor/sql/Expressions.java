package dev.quarry.processor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads SQL expression text given in an annotation, such as a {@code @Check} value, with
 * PostgreSQL's lexical rules: string constants ({@code '...'}, {@code E'...'} with backslash
 * escapes), quoted identifiers, dollar quotes, {@code --} and nested {@code /* *}{@code /}
 * comments. It does not parse SQL; it finds what would let the text escape the parentheses it
 * is placed in, or end the statement early, and the identifiers it names.
 */
public final class Expressions {
  private Expressions() {}

  /** Why a text is not one expression. */
  public enum Problem {
    /** nothing but blanks or comments */
    EMPTY,
    /** a {@code ;} outside quotes and comments */
    SEPARATOR,
    /** a {@code )} with no {@code (} before it */
    UNOPENED_PARENTHESIS,
    /** a {@code (} never closed */
    UNCLOSED_PARENTHESIS,
    /** a string constant never closed */
    UNCLOSED_STRING,
    /** a quoted identifier never closed */
    UNCLOSED_IDENTIFIER,
    /** a dollar-quoted string never closed */
    UNCLOSED_DOLLAR_QUOTE,
    /** a {@code /*} comment never closed */
    UNCLOSED_COMMENT,
    /** a {@code --} comment that runs to the end of the text, over the closing parenthesis */
    LINE_COMMENT,
    /** a comma outside parentheses: a list, not one expression */
    LIST,
    /** a NUL character, which PostgreSQL cannot receive */
    NUL
  }

  /** A problem and the 0-based character offset where it starts. */
  public record Finding(Problem problem, int offset) {}

  /** What the text holds: its problem, if any, and the identifiers it names, in order. */
  public record Scan(Optional<Finding> finding, List<String> identifiers) {}

  /** The first reason {@code text} is not a single expression, if any. */
  public static Optional<Finding> problem(String text) {
    return scan(text).finding();
  }

  /**
   * Identifiers outside quotes and comments: bare words folded to lower case as PostgreSQL
   * folds them, quoted identifiers as written. Keywords and function names are included.
   */
  public static List<String> identifiers(String text) {
    return scan(text).identifiers();
  }

  public static Scan scan(String text) {
    List<String> identifiers = new ArrayList<>();
    int depth = 0;
    int firstOpen = -1;
    boolean content = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : '\0';
      if (c == '\0') {
        return found(Problem.NUL, i, identifiers);
      } else if (Character.isWhitespace(c)) {
        i++;
        continue;
      } else if (c == '-' && next == '-') {
        int end = text.indexOf('\n', i);
        if (end < 0) {
          return found(Problem.LINE_COMMENT, i, identifiers);
        }
        i = end + 1;
        continue;
      } else if (c == '/' && next == '*') {
        int end = blockCommentEnd(text, i);
        if (end < 0) {
          return found(Problem.UNCLOSED_COMMENT, i, identifiers);
        }
        i = end;
        continue;
      }
      content = true;
      if (c == '\'') {
        int end = stringEnd(text, i + 1, isEscapeString(text, i));
        if (end < 0) {
          return found(Problem.UNCLOSED_STRING, i, identifiers);
        }
        i = end;
      } else if (c == '"') {
        int end = quotedEnd(text, i + 1, '"');
        if (end < 0) {
          return found(Problem.UNCLOSED_IDENTIFIER, i, identifiers);
        }
        identifiers.add(text.substring(i + 1, end - 1).replace("\"\"", "\""));
        i = end;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        int end = text.indexOf(tag, i + tag.length());
        if (end < 0) {
          return found(Problem.UNCLOSED_DOLLAR_QUOTE, i, identifiers);
        }
        i = end + tag.length();
      } else if (isWordStart(c)) {
        int end = i + 1;
        while (end < n && isWordPart(text.charAt(end))) {
          end++;
        }
        String word = text.substring(i, end);
        // E'..', B'..', X'..', N'..' are string constants with a prefix, not identifiers.
        boolean prefix = end < n && text.charAt(end) == '\'' && word.length() == 1 && "eEbBxXnN".indexOf(c) >= 0;
        if (!prefix) {
          identifiers.add(word.toLowerCase(Locale.ROOT));
        }
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < n && (isWordPart(text.charAt(end)) || text.charAt(end) == '.')) {
          end++;
        }
        i = end;
      } else {
        switch (c) {
          case ';' -> {
            return found(Problem.SEPARATOR, i, identifiers);
          }
          case '(' -> {
            firstOpen = depth == 0 ? i : firstOpen;
            depth++;
          }
          case ')' -> {
            if (--depth < 0) {
              return found(Problem.UNOPENED_PARENTHESIS, i, identifiers);
            }
          }
          case ',' -> {
            if (depth == 0) {
              return found(Problem.LIST, i, identifiers);
            }
          }
          default -> { }
        }
        i++;
      }
    }
    if (depth > 0) {
      return found(Problem.UNCLOSED_PARENTHESIS, firstOpen, identifiers);
    }
    if (!content) {
      return found(Problem.EMPTY, 0, identifiers);
    }
    return new Scan(Optional.empty(), List.copyOf(identifiers));
  }

  private static Scan found(Problem problem, int offset, List<String> identifiers) {
    return new Scan(Optional.of(new Finding(problem, offset)), List.copyOf(identifiers));
  }

  /** {@code E'...'} (or {@code e'...'}) honours backslash escapes; a plain string does not. */
  private static boolean isEscapeString(String text, int quote) {
    return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
        && (quote == 1 || !isWordPart(text.charAt(quote - 2)));
  }

  /** The index after the closing quote of a string starting at {@code from}, or -1. */
  private static int stringEnd(String text, int from, boolean backslashEscapes) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i++;
      } else if (c == '\'') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i++;
        } else {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** The index after the closing {@code quote}, doubled quotes standing for one, or -1. */
  private static int quotedEnd(String text, int from, char quote) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i++;
        } else {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** PostgreSQL block comments nest: {@code /* /* *}{@code /} is still open. */
  private static int blockCommentEnd(String text, int start) {
    int depth = 0;
    for (int i = start; i + 1 < text.length(); i++) {
      if (text.charAt(i) == '/' && text.charAt(i + 1) == '*') {
        depth++;
        i++;
      } else if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
        depth--;
        i++;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** {@code $tag$} or {@code $$} starting at {@code i}, or null ({@code $1} is a parameter). */
  private static String dollarTag(String text, int i) {
    int j = i + 1;
    if (j < text.length() && Character.isDigit(text.charAt(j))) {
      return null;
    }
    while (j < text.length() && isWordPart(text.charAt(j)) && text.charAt(j) != '$') {
      j++;
    }
    return j < text.length() && text.charAt(j) == '$' ? text.substring(i, j + 1) : null;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
