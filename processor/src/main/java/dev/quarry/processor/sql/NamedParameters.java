package dev.quarry.processor.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code :name} parameters into JDBC's {@code ?}, skipping what only looks like one:
 * {@code ::} casts, string literals, quoted identifiers, dollar-quoted bodies and comments.
 *
 * @param sql the statement with {@code ?} markers
 * @param names the parameter name of each marker, in order (a name used twice appears twice)
 */
public record NamedParameters(String sql, List<String> names) {

  public static NamedParameters parse(String text) {
    StringBuilder sql = new StringBuilder(text.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(text, i, c);
        sql.append(text, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        sql.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        sql.append(text, i, end);
        i = end;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        int end = text.indexOf(tag, i + tag.length());
        end = end < 0 ? n : end + tag.length();
        sql.append(text, i, end);
        i = end;
      } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
        sql.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(text.charAt(end))) {
          end++;
        }
        names.add(text.substring(i + 1, end));
        sql.append('?');
        i = end;
      } else {
        sql.append(c);
        i++;
      }
    }
    return new NamedParameters(sql.toString(), List.copyOf(names));
  }

  /** The index just past the quote that closes the one at {@code start}; doubled quotes escape. */
  private static int closing(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  /** {@code $tag$} or {@code $$} starting at {@code i}, else null (a {@code $1} is not one). */
  private static String dollarTag(String text, int i) {
    int end = i + 1;
    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
      end++;
    }
    if (end < text.length() && text.charAt(end) == '$' && (end == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
      return text.substring(i, end + 1);
    }
    return null;
  }
}
