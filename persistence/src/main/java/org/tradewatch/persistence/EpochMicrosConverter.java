package org.tradewatch.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stores an {@link Instant} as microseconds since the epoch in a BIGINT column.
 *
 * <p>EclipseLink 4.0.7 has no mapping of its own for {@code Instant}: it serializes it into a
 * binary column, which neither sorts nor compares in SQL. A TIMESTAMP column would go through the
 * JVM's time zone on the way in and out (and lose or repeat an hour at DST changes). A number in
 * UTC sorts and compares on every database and round-trips exactly to the microsecond, which is as
 * precise as the system clock that stamps {@code updatedAt}; nanoseconds are truncated.
 */
@Converter
public class EpochMicrosConverter implements AttributeConverter<Instant, Long> {

  @Override
  public Long convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  @Override
  public Instant convertToEntityAttribute(Long micros) {
    return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
