package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code @Sql} write path of the differential test: every value column, as parameters. */
@Queries(Differential.class)
public interface DifferentialQueries {
  @Sql("""
      UPDATE differential SET bool = :bool, int2 = :int2, int4 = :int4, int8 = :int8, float4 = :float4,
        float8 = :float8, float8_numeric = :float8Numeric, numeric = :numeric, numeric12x3 = :numeric12x3, text = :text, varchar8 = :varchar8, code8 = :code8,
        jsonb = CAST(:jsonb AS jsonb), uuid = :uuid, instant = :instant, offset_date_time = :offsetDateTime,
        local_date_time = :localDateTime, local_date = :localDate, local_time = :localTime, bytes = :bytes,
        color = :color, duration = :duration, status = :status, int8s = :int8s, texts = :texts,
        instants = :instants, codes = :codes, float8s_numeric = :float8sNumeric
      WHERE id = :id""")
  int writeAll(long id, Boolean bool, Short int2, Integer int4, Long int8, Float float4, Double float8, Double float8Numeric,
      BigDecimal numeric, BigDecimal numeric12x3, String text, String varchar8, String code8, String jsonb, UUID uuid,
      Instant instant, OffsetDateTime offsetDateTime, LocalDateTime localDateTime, LocalDate localDate,
      LocalTime localTime, byte[] bytes, Color color, Duration duration, TaskStatus status, long[] int8s,
      @Nullable String[] texts, @Nullable Instant[] instants, @Nullable String[] codes,
      @Nullable Double[] float8sNumeric);
}
