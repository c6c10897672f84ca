package dev.quarry.runtime;

import java.lang.reflect.Type;

/**
 * Turns the values of JSON document columns ({@code @Column(type = "jsonb")} on a record,
 * {@code Map}, {@code List} or any other type) into JSON text and back. Set once per
 * {@link Database} with {@link Database#json(JsonCodec)}; by default it is
 * {@link JacksonJsonCodec#defaults()}, which needs Jackson 2 on the class path.
 *
 * <p>Implementations must be safe to share between threads.
 */
public interface JsonCodec {
  /**
   * The JSON text of {@code value}, which is never {@code null} (a {@code null} component is SQL
   * {@code NULL}, not JSON {@code null}).
   *
   * @throws IllegalArgumentException when the value cannot be written as JSON; the message must
   *     not contain the value (it can hold personal data)
   */
  String write(Object value);

  /**
   * The value of {@code type} that {@code json} holds.
   *
   * @param type the component's declared type, generic arguments included ({@code Map<String, Object>})
   * @throws IllegalArgumentException when {@code json} does not map to {@code type}; the message
   *     must not contain the JSON text
   */
  Object read(String json, Type type);
}
