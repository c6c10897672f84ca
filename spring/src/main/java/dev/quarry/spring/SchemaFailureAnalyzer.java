package dev.quarry.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for a schema that does not match the
 * records: the differences (or the steps left to a person) as the description, the fix as the
 * action, instead of a stack trace.
 */
final class SchemaFailureAnalyzer extends AbstractFailureAnalyzer<SchemaStartupException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SchemaStartupException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
