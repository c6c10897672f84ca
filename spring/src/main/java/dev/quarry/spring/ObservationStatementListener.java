package dev.quarry.spring;

import dev.quarry.runtime.StatementListener;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Reports each DAO statement as a Micrometer {@link Observation} named {@value #NAME}. With
 * Spring Boot's actuator (a {@code MeterRegistry} and its default observation handler) that is a
 * timer {@code quarry.statement} tagged with the DAO method ({@code quarry.method}, such as
 * {@code ArticleDao.findById}), the outcome ({@code outcome}: {@code success} or
 * {@code failure}) and the exception's simple class name ({@code error}, {@code none} on
 * success); with a tracer, a span per statement carrying the SQL text ({@code db.statement},
 * placeholders only, never bound values).
 *
 * <p>The observation is opened as the current one on the calling thread while the statement
 * runs, so spans the driver or pool create nest under it.
 */
public final class ObservationStatementListener implements StatementListener {
  /** The observation, and so the timer's, name. */
  public static final String NAME = "quarry.statement";

  private static final KeyValue SUCCESS = KeyValue.of("outcome", "success");
  private static final KeyValue FAILURE = KeyValue.of("outcome", "failure");

  private final ObservationRegistry registry;

  public ObservationStatementListener(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public Run started(String method, String sql) {
    Observation observation = Observation.createNotStarted(NAME, registry)
        .contextualName(method)
        .lowCardinalityKeyValue("quarry.method", method)
        .highCardinalityKeyValue("db.statement", sql)
        .start();
    Observation.Scope scope = observation.openScope();
    return (nanos, failure) -> {
      scope.close();
      if (failure != null) {
        observation.error(failure);
      }
      observation.lowCardinalityKeyValue(failure == null ? SUCCESS : FAILURE).stop();
    };
  }
}
