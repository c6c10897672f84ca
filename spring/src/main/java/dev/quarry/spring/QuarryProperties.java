package dev.quarry.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Spring Boot properties under {@code quarry}:
 *
 * <pre>
 * quarry.schema.mode=verify                   # none | verify | migrate
 * quarry.partitions.maintain-interval=1h      # 0 turns maintenance off
 * </pre>
 */
@ConfigurationProperties("quarry")
public class QuarryProperties {
  private final Schema schema = new Schema();
  private final Partitions partitions = new Partitions();

  public Schema getSchema() {
    return schema;
  }

  public Partitions getPartitions() {
    return partitions;
  }

  /** What start-up does about the tables of the generated DAOs. */
  public enum SchemaMode {
    /** Nothing: the schema is someone else's business (Flyway, Liquibase, a DBA). */
    NONE,
    /**
     * Fails start-up when the database does not match the records ({@code Schema.verify}),
     * listing every difference by table and column.
     */
    VERIFY,
    /**
     * Makes the changes {@code Schema.migrate} plans (missing tables, columns, indexes,
     * constraints, with short locks) before any DAO is used; fails start-up listing the changes
     * it leaves to a person (a dropped column, a type change that rewrites the table).
     */
    MIGRATE
  }

  /** {@code quarry.schema.*}. */
  public static class Schema {
    private SchemaMode mode = SchemaMode.VERIFY;

    /** {@code quarry.schema.mode}: {@code none}, {@code verify} (the default) or {@code migrate}. */
    public SchemaMode getMode() {
      return mode;
    }

    public void setMode(SchemaMode mode) {
      this.mode = mode;
    }
  }

  /** {@code quarry.partitions.*}. */
  public static class Partitions {
    private Duration maintainInterval = Duration.ofHours(1);

    /**
     * {@code quarry.partitions.maintain-interval}: how often every partitioned table's
     * {@code PartitionManager.maintain()} runs (it also runs once at start-up); {@code 0} turns
     * maintenance off. Default one hour.
     */
    public Duration getMaintainInterval() {
      return maintainInterval;
    }

    public void setMaintainInterval(Duration maintainInterval) {
      if (maintainInterval == null || maintainInterval.isNegative()) {
        throw new IllegalArgumentException(
            "quarry.partitions.maintain-interval must be 0 (off) or positive, was " + maintainInterval);
      }
      this.maintainInterval = maintainInterval;
    }
  }
}
