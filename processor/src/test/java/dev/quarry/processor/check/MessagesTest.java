package dev.quarry.processor.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.processor.model.ColumnKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole family of diagnostics, not one message at a time: every public message in
 * {@link Messages}, called with every kind and flag it takes, starts with a stable id, names what
 * was found (one of its arguments) and ends with a fix (an instruction the user can follow).
 * A message added without a fix fails here.
 */
class MessagesTest {
  private static final Pattern ID = Pattern.compile("^\\[Quarry[A-Z][A-Za-z]+\\] \\S.*", Pattern.DOTALL);
  /** Imperatives the fixes start with; a fix is an instruction, not a description. */
  private static final Pattern FIX = Pattern.compile(
      "(?i)\\b(add|remove|use|declare|make|name|set|choose|give|reference|check|page by|please report|return|list|"
          + "partition by|aim for|pass|move|drop|rename|split|replace|write|put|keep)\\b");

  @Test
  void everyMessageHasAnIdWhatWasFoundAndAFix() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Method m : Messages.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || m.getReturnType() != String.class) {
        continue;
      }
      for (Object[] args : argumentSets(m)) {
        String message = (String) m.invoke(null, args);
        checked++;
        if (!ID.matcher(message).matches()) {
          failures.add(m.getName() + ": no [QuarryXxx] id: " + message);
        }
        String afterRule = message.substring(message.indexOf(']') + 1);
        if (!FIX.matcher(afterRule).find()) {
          failures.add(m.getName() + ": no fix: " + message);
        }
        boolean namesSomething = args.length == 0 || Arrays.stream(args).anyMatch(a -> names(message, a));
        if (!namesSomething) {
          failures.add(m.getName() + ": names none of what was found: " + message);
        }
      }
    }
    assertTrue(checked > 40, "checked " + checked);
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }

  private static boolean names(String message, Object argument) {
    if (argument instanceof String || argument instanceof Integer) {
      return message.contains(argument.toString());
    }
    return argument instanceof Collection<?> c && c.stream().anyMatch(e -> message.contains(e.toString()));
  }

  /** Instant and other non-primitive kinds never get "make it a primitive". */
  @Test
  void nullableKeysetFixesFitTheType() {
    assertTrue(Messages.keysetNullable("rank", "int", false).contains("'int rank'"));
    String instant = Messages.keysetNullable("seenAt", null, false);
    assertFalse(instant.contains("primitive"), instant);
    assertTrue(instant.contains("remove @Nullable from 'seenAt'"), instant);
  }

  @Test
  void familiarUnsupportedTypesGetTheirCounterpart() {
    assertTrue(Messages.unsupportedType("at", "java.util.Date").contains("'Instant at'"));
    assertTrue(Messages.unsupportedType("code", "char").contains("'String code'"));
    assertTrue(Messages.unsupportedType("n", "java.math.BigInteger").contains("'BigDecimal n'"));
    assertTrue(Messages.unsupportedType("nick", "java.util.Optional<java.lang.String>").contains("'@Nullable String nick'"));
    assertTrue(Messages.unsupportedType("tags", "java.util.Map<java.lang.String,java.lang.String>").contains("jsonb"));
  }

  /** One argument set per combination of enum and boolean parameters; distinctive strings elsewhere. */
  private static List<Object[]> argumentSets(Method m) {
    List<Object[]> sets = new ArrayList<>();
    sets.add(new Object[m.getParameterCount()]);
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      List<Object[]> next = new ArrayList<>();
      for (Object[] set : sets) {
        for (Object choice : choices(types[i], i)) {
          Object[] copy = set.clone();
          copy[i] = choice;
          next.add(copy);
        }
      }
      sets = next;
    }
    return sets;
  }

  private static List<Object> choices(Class<?> type, int index) {
    if (type == boolean.class) {
      return List.of(true, false);
    }
    if (type == int.class) {
      return List.of(-3 - index);
    }
    if (type.isEnum()) {
      return List.of((Object[]) type.getEnumConstants());
    }
    if (type == List.class || type == Collection.class) {
      return List.of(List.of("alpha" + index, "beta" + index));
    }
    if (type == String.class) {
      return List.of("found" + index, "java.util.Date", "java.util.Set<java.lang.String>");
    }
    throw new AssertionError("add argument choices for " + type);
  }
}
