package dev.quarry.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A component type with its generic arguments, kept at run time for {@link JsonCodec#read}:
 * generated DAOs declare {@code new JsonType<Map<String, Object>>() {}} once per type.
 *
 * @param <T> the type
 */
public abstract class JsonType<T> {
  private final Type type;

  /** Captures {@code T} from the anonymous subclass. */
  protected JsonType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p)) {
      throw new IllegalStateException("JsonType must be created as an anonymous subclass with its type argument");
    }
    this.type = p.getActualTypeArguments()[0];
  }

  /** The captured type. */
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return type.getTypeName();
  }
}
