package dev.quarry.spring;

import dev.quarry.runtime.JsonCodec;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * A {@link JsonCodec} over a Jackson 3 {@link ObjectMapper} ({@code tools.jackson}, the line
 * Spring Boot 4 applications use; {@code dev.quarry.runtime.JacksonJsonCodec} is Jackson 2's).
 * The auto-configuration passes Boot's {@code JsonMapper}; without Boot:
 *
 * <pre>{@code
 * Database db = QuarrySpring.database(dataSource).json(Jackson3JsonCodec.of(jsonMapper));
 * }</pre>
 *
 * <p>Jackson 3 is an optional dependency of {@code quarry-spring}: this class is usable only
 * where the application has it.
 */
public final class Jackson3JsonCodec implements JsonCodec {
  private final ObjectMapper mapper;

  private Jackson3JsonCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A codec over {@code mapper}, a Jackson 3 mapper (immutable, so safe to share). */
  public static Jackson3JsonCodec of(ObjectMapper mapper) {
    return new Jackson3JsonCodec(Objects.requireNonNull(mapper, "mapper"));
  }

  /** The mapper. */
  public ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JacksonException e) {
      // the exception's own message can quote the value
      throw new IllegalArgumentException("Jackson could not write a " + value.getClass().getName() + " as JSON ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public Object read(String json, Type type) {
    try {
      return mapper.readValue(json, mapper.getTypeFactory().constructType(type));
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new IllegalArgumentException("Jackson could not read the JSON as " + type.getTypeName() + where + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
