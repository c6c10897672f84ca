package dev.quarry.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.JacksonJsonCodec;
import dev.quarry.runtime.JsonCodec;
import dev.quarry.runtime.StatementListener;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Spring Boot auto-configuration for Quarry, active when the application has one
 * {@code DataSource}:
 *
 * <ul>
 *   <li>a {@link Database} bean, {@link QuarrySpring#database(DataSource, StatementListener)} on
 *       that data source, so DAO calls join {@code @Transactional} methods (unless the
 *       application defines its own {@code Database}); its JSON document columns are written
 *       and read with the application's {@link JsonCodec} bean, which by default is one over
 *       the application's Jackson mapper: {@link Jackson3JsonCodec} (Boot 4), else
 *       {@link JacksonJsonCodec} (Boot 3);
 *   <li>a bean for every DAO the processor generated ({@code META-INF/quarry/daos}), named like
 *       the class ({@code articleDao});
 *   <li>before any DAO bean exists, and after the database initializers Boot knows (Flyway,
 *       Liquibase, {@code spring.sql.init} scripts), the schema step of
 *       {@code quarry.schema.mode} ({@code none}, {@code verify} by default, {@code migrate}) and a
 *       first partition maintenance; then maintenance every
 *       {@code quarry.partitions.maintain-interval} (default {@code 1h}, {@code 0} turns it off);
 *   <li>with Micrometer's {@code ObservationRegistry} (Boot's actuator), an observation, and so
 *       a timer {@code quarry.statement}, per DAO statement; every {@link StatementListener} bean
 *       is told as well.
 * </ul>
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
    "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
    "org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration"})
@ConditionalOnClass({Database.class, DataSourceUtils.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(QuarryProperties.class)
public class QuarryAutoConfiguration {
  /** The application's database: Spring transactions are joined, statements observed. */
  @Bean
  @ConditionalOnMissingBean
  public Database quarryDatabase(DataSource dataSource, ObjectProvider<StatementListener> listeners,
      ObjectProvider<JsonCodec> json) {
    Database database = QuarrySpring.database(dataSource, StatementListeners.of(listeners.orderedStream().toList()));
    json.ifUnique(database::json);
    return database;
  }

  /** A bean per generated DAO, from the processor's index. */
  @Bean
  static DaoBeans quarryDaoBeans() {
    return new DaoBeans();
  }

  /**
   * The schema step and first partition maintenance; every DAO bean depends on it, and it on
   * the database initializers, so {@code verify} sees the schema that Flyway or Liquibase made.
   */
  @Bean(QuarryStartup.BEAN_NAME)
  @DependsOnDatabaseInitialization
  QuarryStartup quarryStartup(Database database, QuarryProperties properties, ResourceLoader resources) {
    return new QuarryStartup(database, properties, resources.getClassLoader());
  }

  /** Partition maintenance every {@code quarry.partitions.maintain-interval}. */
  @Bean
  PartitionMaintenance quarryPartitionMaintenance(Database database, QuarryProperties properties, ResourceLoader resources) {
    return new PartitionMaintenance(database, properties.getPartitions().getMaintainInterval(), resources.getClassLoader());
  }

  /**
   * JSON documents as the rest of the application writes JSON: with its Jackson 3 mapper
   * (Boot 4's {@code JsonMapper}, with {@code spring.jackson.*} and every module bean applied),
   * unless the application defines a {@link JsonCodec} bean of its own.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(tools.jackson.databind.ObjectMapper.class)
  @ConditionalOnSingleCandidate(tools.jackson.databind.ObjectMapper.class)
  static class Jackson3 {
    @Bean
    @ConditionalOnMissingBean(JsonCodec.class)
    JsonCodec quarryJackson3JsonCodec(tools.jackson.databind.ObjectMapper mapper) {
      return Jackson3JsonCodec.of(mapper);
    }
  }

  /** As {@link Jackson3}, with the application's Jackson 2 {@code ObjectMapper} (Boot 3's). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObjectMapper.class)
  @ConditionalOnSingleCandidate(ObjectMapper.class)
  static class Jackson {
    @Bean
    @ConditionalOnMissingBean(JsonCodec.class)
    JsonCodec quarryJsonCodec(ObjectMapper mapper) {
      return JacksonJsonCodec.of(mapper);
    }
  }

  /** Micrometer observations of DAO statements, when the application has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObservationRegistry.class)
  @ConditionalOnBean(ObservationRegistry.class)
  static class Observations {
    @Bean
    @ConditionalOnMissingBean
    ObservationStatementListener quarryObservationListener(ObservationRegistry registry) {
      return new ObservationStatementListener(registry);
    }
  }
}
