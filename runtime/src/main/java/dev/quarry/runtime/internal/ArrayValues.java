package dev.quarry.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Array columns between their Java forms ({@code List<T>}, {@code T[]}, primitive arrays) and
 * the one form every write path encodes: a {@code List} whose elements were checked once. A
 * {@code null} array is SQL {@code NULL}; an empty one is the empty array {@code '{}'}, a
 * different value.
 */
public final class ArrayValues {
  private ArrayValues() {}

  /**
   * {@code values}, refused when it holds a null element although the element type is not
   * {@code @Nullable}: PostgreSQL cannot declare array elements NOT NULL, so Quarry keeps the
   * promise the record's type makes.
   *
   * @throws IllegalArgumentException naming {@code component} when an element is null
   */
  public static <T> List<T> noNulls(List<T> values, String component) {
    if (values != null) {
      for (T v : values) {
        if (v == null) {
          throw new IllegalArgumentException(component + " holds a null element, but its element type is not "
              + "@Nullable; leave nulls out, or declare the elements nullable (List<@Nullable T>, @Nullable T[])");
        }
      }
    }
    return values;
  }

  public static <T> List<T> of(T[] values) {
    return values == null ? null : Arrays.asList(values);
  }

  public static List<Boolean> of(boolean[] values) {
    if (values == null) return null;
    List<Boolean> list = new ArrayList<>(values.length);
    for (boolean v : values) list.add(v);
    return list;
  }

  public static List<Short> of(short[] values) {
    if (values == null) return null;
    List<Short> list = new ArrayList<>(values.length);
    for (short v : values) list.add(v);
    return list;
  }

  public static List<Integer> of(int[] values) {
    return values == null ? null : Arrays.stream(values).boxed().toList();
  }

  public static List<Long> of(long[] values) {
    return values == null ? null : Arrays.stream(values).boxed().toList();
  }

  public static List<Float> of(float[] values) {
    if (values == null) return null;
    List<Float> list = new ArrayList<>(values.length);
    for (float v : values) list.add(v);
    return list;
  }

  public static List<Double> of(double[] values) {
    return values == null ? null : Arrays.stream(values).boxed().toList();
  }

  /*
   * Back to Java arrays, for reads: the lists come from Reads.getList, which refuses NULL
   * elements unless the element type is @Nullable, so primitive arrays never meet one.
   */

  /** The list as a Java array made by {@code make}, such as {@code String[]::new}. */
  public static <T> T[] toArray(List<T> values, IntFunction<T[]> make) {
    return values == null ? null : values.toArray(make.apply(values.size()));
  }

  public static boolean[] toBooleanArray(List<Boolean> values) {
    if (values == null) return null;
    boolean[] a = new boolean[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  public static short[] toShortArray(List<Short> values) {
    if (values == null) return null;
    short[] a = new short[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  public static int[] toIntArray(List<Integer> values) {
    if (values == null) return null;
    int[] a = new int[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  public static long[] toLongArray(List<Long> values) {
    if (values == null) return null;
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  public static float[] toFloatArray(List<Float> values) {
    if (values == null) return null;
    float[] a = new float[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  public static double[] toDoubleArray(List<Double> values) {
    if (values == null) return null;
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  /**
   * The array's literal, {@code {"a","b\"c",NULL}}: every element double-quoted and escaped, so
   * any text is safe, from each element's PostgreSQL text form. For {@code unnest}, where an
   * array column travels as one text element per row (PostgreSQL has no arrays of arrays of
   * different lengths) and is cast back to its type.
   */
  public static String literal(List<?> values, String component) {
    if (values == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(2 + values.size() * 8).append('{');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) b.append(',');
      Object v = values.get(i);
      if (v == null) {
        b.append("NULL");
        continue;
      }
      b.append('"');
      String s = Binds.text(v, component);
      for (int k = 0; k < s.length(); k++) {
        char ch = s.charAt(k);
        if (ch == '"' || ch == '\\') b.append('\\');
        b.append(ch);
      }
      b.append('"');
    }
    return b.append('}').toString();
  }
}
