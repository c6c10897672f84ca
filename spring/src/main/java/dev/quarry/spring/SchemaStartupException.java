package dev.quarry.spring;

import dev.quarry.runtime.SchemaMismatchException;

/**
 * Start-up stopped because the database does not match the records: what differs, and what to
 * do about it, apart, so that Spring Boot prints them as its failure analysis
 * ({@link SchemaFailureAnalyzer}) and anything else prints the message, which holds both.
 */
final class SchemaStartupException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String description;
  private final String action;

  SchemaStartupException(String description, String action, SchemaMismatchException cause) {
    super(description + "\n" + action, cause);
    this.description = description;
    this.action = action;
  }

  String description() {
    return description;
  }

  String action() {
    return action;
  }
}
