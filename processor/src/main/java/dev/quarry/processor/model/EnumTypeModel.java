package dev.quarry.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL enum type that a Java enum maps to ({@code @Column(type = "order_status")}).
 *
 * @param name the type name as written, possibly schema-qualified, unquoted
 * @param labels the Java constants' names, in declaration order: PostgreSQL orders enum values
 *     by the order in which they were created
 */
public record EnumTypeModel(String name, List<String> labels) {

  /** The schema named before a dot, or empty: then the type lives in the current schema. */
  public Optional<String> schema() {
    int dot = name.indexOf('.');
    return dot < 0 ? Optional.empty() : Optional.of(name.substring(0, dot));
  }

  /** The name without its schema. */
  public String simpleName() {
    return name.substring(name.indexOf('.') + 1);
  }
}
