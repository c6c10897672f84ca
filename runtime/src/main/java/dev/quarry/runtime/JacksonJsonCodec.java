package dev.quarry.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A {@link JsonCodec} over a Jackson 2 {@link ObjectMapper} ({@code com.fasterxml.jackson.core},
 * the line Spring Boot 3 applications use). Pass the application's mapper, so documents are
 * written as the rest of the application writes JSON:
 *
 * <pre>{@code
 * Database db = Database.of(dataSource).json(JacksonJsonCodec.of(objectMapper));
 * }</pre>
 *
 * <p>Jackson is an optional dependency of {@code quarry-runtime}: applications without JSON
 * document columns need not have it; those with them add {@code jackson-databind}.
 */
public final class JacksonJsonCodec implements JsonCodec {
  private final ObjectMapper mapper;

  private JacksonJsonCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A codec over {@code mapper}, which must not be reconfigured afterwards (Jackson's own rule). */
  public static JacksonJsonCodec of(ObjectMapper mapper) {
    return new JacksonJsonCodec(Objects.requireNonNull(mapper, "mapper"));
  }

  /**
   * A codec over a new {@code ObjectMapper} with every Jackson module found on the class path
   * registered ({@code findAndRegisterModules}: {@code java.time} with jackson-datatype-jsr310,
   * {@code Optional} with jackson-datatype-jdk8, ...), and dates written as ISO-8601 text
   * rather than numbers, as Spring Boot configures its mapper: a document stays readable and
   * {@code ->>} gives text PostgreSQL can cast to {@code timestamptz}.
   */
  public static JacksonJsonCodec defaults() {
    return new JacksonJsonCodec(new ObjectMapper().findAndRegisterModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
  }

  /** The mapper, to share with the rest of the application. */
  public ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Jackson could not write a " + value.getClass().getName() + " as JSON ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public Object read(String json, Type type) {
    try {
      return mapper.readValue(json, mapper.getTypeFactory().constructType(type));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new IllegalArgumentException("Jackson could not read the JSON as " + type.getTypeName() + where + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
